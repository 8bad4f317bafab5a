// Prints the modules' route manifest as JSON (src/kit/module-routers.ts): the routes each
// module's API and page routers mount, recorded from an app built from the sources on a
// temporary database. `scripts/build.ts` embeds it, so the binary builds a module's routers on
// the first request one of their routes matches.
import { createTestApp } from "../test/helpers/app.ts";

const app = await createTestApp({}, { seed: false });
try {
  process.stdout.write(JSON.stringify(app.routeManifest));
} finally {
  await app.close();
}
// The app's timers (the session cache's sweep …) would keep the process alive for a minute.
process.exit(0);
