import { afterAll, expect, test } from "bun:test";
import { Hono } from "hono";
import { EventStream } from "../../src/realtime/event-stream.ts";

let aborted = 0;
let release = () => {};
const app = new Hono();
app.get("/multi", (c) =>
  EventStream.respond(c, async (stream) => {
    await stream.writeSSE({ event: "note", data: "one\ntwo\r\nthree", id: "7" });
    await stream.write(": comment\n\n");
  }),
);
app.get("/held", (c) =>
  EventStream.respond(c, async (stream) => {
    await stream.writeSSE({ event: "hello", data: "{}" });
    await new Promise<void>((resolve) => {
      release = resolve;
      stream.onAbort(() => {
        aborted++;
        resolve();
      });
    });
  }),
);
const server = Bun.serve({ port: 0, fetch: app.fetch });
afterAll(() => server.stop(true));

test("an event's data lines each get their own field, then its id; the stream ends with its body", async () => {
  const res = await fetch(`${server.url}multi`);
  expect(res.headers.get("Content-Type")).toBe("text/event-stream");
  expect(await res.text()).toBe("event: note\ndata: one\ndata: two\ndata: three\nid: 7\n\n: comment\n\n");
});

test("a client that goes away is an abort", async () => {
  const controller = new AbortController();
  const res = await fetch(`${server.url}held`, { signal: controller.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  expect(new TextDecoder().decode((await reader.read()).value)).toContain("event: hello");
  controller.abort();
  const start = Date.now();
  while (aborted === 0 && Date.now() - start < 5000) await Bun.sleep(20);
  release();
  expect(aborted).toBe(1);
});

test("a line break in an event's name is refused", () => {
  expect(() => new EventStream().writeSSE({ event: "a\nb", data: "" })).toThrow("line break");
});
