/**
 * The Reflect metadata polyfill, in a module of its own so that importing it first makes it run
 * first: @simplewebauthn/server's certificate checks use tsyringe, which throws at load unless
 * the polyfill ran before it. The library imports the polyfill itself, but the bundler hoists
 * its dependencies' code above that import, so the compiled binary failed to start.
 */
import "reflect-metadata";
