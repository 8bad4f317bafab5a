// The parts of @simplewebauthn/server Warden uses, loaded by passkeys-service.ts with the first
// passkey ceremony (~40 modules of certificate and CBOR parsing a server whose users sign in
// without passkeys never holds). Named here so that the bundle keeps only what they need.
// First, before @simplewebauthn/server: see the module.
import "../../lib/reflect-polyfill.ts";

export {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
