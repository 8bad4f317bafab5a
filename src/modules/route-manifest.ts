import type { RouteManifest } from "../kit/module-routers.ts";

/**
 * The modules' routes, recorded when the binary was built (`scripts/build.ts` replaces this
 * file's contents with them): with them `createApp` builds each module's routers on its first
 * request. From the sources it is `null` and every router is built when the app is.
 */
export const ROUTE_MANIFEST: RouteManifest | null = null;
