/** sharedJson: one encoding per object, gzip only when accepted and worth it, same JSON either way. */
import { expect, test } from "bun:test";
import { Hono } from "hono";
import { sharedJson } from "../../src/lib/shared-json.ts";

const big = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `Item ${i}` })), total: 200 };
const small = { items: [], total: 0 };
const app = new Hono();
app.get("/big", (c) => sharedJson(c, big));
app.get("/small", (c) => sharedJson(c, small));

test("gzipped once when the client accepts gzip; plain JSON otherwise", async () => {
  const zipped = await app.request("/big", { headers: { "Accept-Encoding": "gzip, deflate" } });
  expect(zipped.headers.get("Content-Encoding")).toBe("gzip");
  expect(zipped.headers.get("Vary")).toContain("Accept-Encoding");
  const bytes = new Uint8Array(await zipped.arrayBuffer());
  expect(JSON.parse(new TextDecoder().decode(Bun.gunzipSync(bytes)))).toEqual(big);
  const again = new Uint8Array(
    await (await app.request("/big", { headers: { "Accept-Encoding": "gzip" } })).arrayBuffer(),
  );
  expect(again).toEqual(bytes);

  const plain = await app.request("/big");
  expect(plain.headers.get("Content-Encoding")).toBeNull();
  expect(plain.headers.get("Content-Type")).toBe("application/json");
  expect(await plain.json()).toEqual(big);
});

test("small bodies are not compressed", async () => {
  const res = await app.request("/small", { headers: { "Accept-Encoding": "gzip" } });
  expect(res.headers.get("Content-Encoding")).toBeNull();
  expect(await res.json()).toEqual(small);
});

test("a real client over HTTP decodes it", async () => {
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: app.fetch });
  try {
    const res = await fetch(`http://127.0.0.1:${server.port}/big`);
    expect(res.headers.get("Content-Encoding")).toBe("gzip");
    expect(await res.json()).toEqual(big);
  } finally {
    server.stop(true);
  }
});
