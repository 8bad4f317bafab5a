/**
 * A process with Warden's fault guard and a tiny HTTP server, for the fault tests:
 * `/reject` leaves a rejection unhandled, `/throw` throws from a timer, `/failures` answers
 * the tally. Prints its URL on standard output.
 */
import { BackgroundFailures } from "../../src/lib/background-failures.ts";
import { installFaultGuard } from "../../src/lib/fault-guard.ts";
import { createLogger } from "../../src/lib/log.ts";

const log = createLogger(() => ({ level: "info", format: "json" }));
const failures = new BackgroundFailures();
installFaultGuard({ log, failures, fatal: () => null, stop: () => process.exit(1) });
const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch(req) {
    const path = new URL(req.url).pathname;
    if (path === "/reject") {
      void Promise.reject(new Error("rejected on purpose"));
      return new Response(null, { status: 202 });
    }
    if (path === "/throw") {
      setTimeout(() => {
        throw new Error("thrown on purpose");
      });
      return new Response(null, { status: 202 });
    }
    return Response.json(failures.entries());
  },
});
console.log(server.url.origin);
