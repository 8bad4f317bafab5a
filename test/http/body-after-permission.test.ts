/**
 * Permission before the body: a request the caller may not make is answered before its body is
 * read, even when the body comes without a length (chunked) and never ends. Over a real socket,
 * since `app.request` hands the whole body over at once.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { useTestApp } from "../helpers/app.ts";
import { type ListeningApp, listen } from "../helpers/listen.ts";

const t = useTestApp();
let server: ListeningApp;
beforeAll(() => {
  server = listen(t);
});
afterAll(() => server.stop());

/**
 * Sends a chunked POST to `path` with `headers`, then `chunks` of its body as they are (a
 * body that is not ended stays open); answers the status line the server sends within
 * `waitMs`, or null.
 */
async function chunkedPost(
  path: string,
  headers: string[],
  chunks: string,
  waitMs = 3000,
): Promise<string | null> {
  const { port } = new URL(server.url);
  let answer = "";
  const socket = await Bun.connect({
    hostname: "127.0.0.1",
    port: Number(port),
    socket: {
      data(_socket, data) {
        answer += data.toString();
      },
    },
  });
  const head = [
    `POST ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    "Content-Type: application/json",
    "Transfer-Encoding: chunked",
    ...headers,
  ];
  socket.write(`${head.join("\r\n")}\r\n\r\n${chunks}`);
  for (const until = Date.now() + waitMs; !answer.includes("\r\n") && Date.now() < until; )
    await Bun.sleep(20);
  socket.end();
  return answer.split("\r\n")[0] || null;
}

/** One chunk of a chunked body. */
const chunk = (text: string) => `${text.length.toString(16)}\r\n${text}\r\n`;

/** A chunked POST to `path` with its first 100 bytes, then nothing more: the body never ends. */
function stalledPost(path: string, token: string | null): Promise<string | null> {
  const auth = token ? [`Authorization: Bearer ${token}`] : [];
  return chunkedPost(path, auth, chunk(`{"url":"http://127.0.0.1:9/x","name":"${"x".repeat(70)}`));
}

test("a refused role's chunked body that never ends: 403 at once", async () => {
  expect(await stalledPost("/api/v1/integrations/webhooks", await t.tokenFor("viewer"))).toBe(
    "HTTP/1.1 403 Forbidden",
  );
});

test("an anonymous chunked body that never ends: 401 at once", async () => {
  expect(await stalledPost("/api/v1/integrations/webhooks", null)).toBe("HTTP/1.1 401 Unauthorized");
});

test("a chunked body over the limit is still a 413 for a caller who may post", async () => {
  const res = await fetch(`${server.url}/api/v1/integrations/webhooks`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${await t.tokenFor("admin")}` },
    body: new Blob(["x".repeat(2 * 1024 * 1024)]).stream(),
    duplex: "half",
  } as RequestInit);
  expect(res.status).toBe(413);
  expect((await res.json()).type).toBe("urn:warden:problem:payload_too_large");
});

test("a chunked body keeps the client's address: a failed sign-in is audited with it", async () => {
  const body = JSON.stringify({ login: "chunked-nobody", password: "wrong-password-1" });
  const status = await chunkedPost(
    "/api/v1/auth/login",
    ["X-Forwarded-For: 203.0.113.99"],
    `${chunk(body)}0\r\n\r\n`,
    5000,
  );
  expect(status).toBe("HTTP/1.1 401 Unauthorized");
  const audited = await t.database.client.execute(
    "SELECT ip FROM audit_log WHERE action = 'auth.login_failed' ORDER BY at DESC LIMIT 1",
  );
  expect(audited.rows[0]?.ip).toBe("127.0.0.1");
});
