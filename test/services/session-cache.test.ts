/**
 * The session cache on the request path: a role change or logout in this process holds on the
 * very next request; a change written by another process (here: straight into the database, as
 * `warden user` does) holds within a second; expired tokens are never served from the cache;
 * only valid tokens are kept; a new signing secret forgets every verified token.
 */
import { expect, test } from "bun:test";
import {
  type AccessClaims,
  signAccessToken,
  verifyAccessToken,
} from "../../src/modules/auth/access-tokens.ts";
import { SessionCache } from "../../src/modules/auth/session-cache.ts";
import { Bus } from "../../src/realtime/bus.ts";
import { jsonInit, useTestApp } from "../helpers/app.ts";

const t = useTestApp();

const get = (token: string) =>
  t.app.request("/api/v1/system", { headers: { Authorization: `Bearer ${token}` } });

test("a role change through the API ends the old token on the very next request", async () => {
  const token = await t.tokenFor("viewer");
  expect((await get(token)).status).toBe(200);
  const res = await t.as(
    "admin",
    `/api/v1/users/${t.users.viewer.id}`,
    jsonInit({ role: "analyst" }, "PATCH"),
  );
  expect(res.status).toBe(200);
  expect((await get(token)).status).toBe(401);
  await t.as("admin", `/api/v1/users/${t.users.viewer.id}`, jsonInit({ role: "viewer" }, "PATCH"));
});

test("a change written by another process holds within a second", async () => {
  const token = await t.tokenFor("manager");
  expect((await get(token)).status).toBe(200);
  await t.database.client.execute({
    sql: "UPDATE users SET token_version = token_version + 1 WHERE id = ?",
    args: [t.users.manager.id],
  });
  await Bun.sleep(1100);
  expect((await get(token)).status).toBe(401);
});

test("an expired token is refused even though it was verified before", async () => {
  const user = t.users.analyst;
  const [row] = (
    await t.database.client.execute({ sql: "SELECT token_version FROM users WHERE id = ?", args: [user.id] })
  ).rows;
  const token = await signAccessToken(
    { id: user.id, role: "analyst", tokenVersion: Number(row?.token_version) },
    "session-1",
    t.config.get().security.jwtSecret ?? "",
    1,
  );
  expect((await get(token)).status).toBe(200);
  await Bun.sleep(2100);
  expect((await get(token)).status).toBe(401);
});

test("only valid tokens are kept, and a new secret forgets them", async () => {
  const cache = new SessionCache(new Bus());
  let verified = 0;
  const verify = (token: string, secret: string): Promise<AccessClaims | null> => {
    verified++;
    return verifyAccessToken(token, secret);
  };
  const token = await signAccessToken({ id: "u1", role: "viewer", tokenVersion: 0 }, "s1", "secret-a", 60);
  expect((await cache.claims(token, "secret-a", verify))?.sub).toBe("u1");
  expect((await cache.claims(token, "secret-a", verify))?.sub).toBe("u1");
  expect(verified).toBe(1);
  expect(await cache.claims("not.a.token", "secret-a", verify)).toBeNull();
  expect(await cache.claims("not.a.token", "secret-a", verify)).toBeNull();
  expect(verified).toBe(3);
  expect(await cache.claims(token, "secret-b", verify)).toBeNull();
  expect(verified).toBe(4);
});

test("a session ended on the bus drops the user at once", async () => {
  const bus = new Bus();
  const cache = new SessionCache(bus);
  let reads = 0;
  const load = async () => {
    reads++;
    return {
      id: "u1",
      username: "u",
      role: "viewer" as const,
      isActive: true,
      tokenVersion: reads,
      locale: null,
    };
  };
  expect((await cache.user("u1", load))?.tokenVersion).toBe(1);
  expect((await cache.user("u1", load))?.tokenVersion).toBe(1);
  bus.publish("sessions", "session.ended", { userId: "u1" });
  expect((await cache.user("u1", load))?.tokenVersion).toBe(2);
});
