import type { Context } from "hono";

/** Bodies smaller than this go out uncompressed (the compress middleware's own threshold). */
const MIN_GZIP_BYTES = 1024;

/** Per answered object: its JSON text and, once a client accepted it, that text gzipped. */
const encoded = new WeakMap<object, { text: string; gzip?: Uint8Array }>();

/**
 * A JSON answer for a value shared by many requests and never changed once answered — a list
 * page read through a ListCache, handed out as the same object until the list changes. Its
 * text is serialized once and gzipped once per object, however many clients it goes to;
 * a fresh object costs what `c.json` plus the compress middleware would. Never pass an object
 * that is mutated after it was answered: later answers would carry the old text.
 */
export function sharedJson(c: Context, value: object): Response {
  const entry = encoded.getOrInsertComputed(value, () => ({ text: JSON.stringify(value) }));
  c.header("Vary", "Accept-Encoding", { append: true });
  if (entry.text.length >= MIN_GZIP_BYTES && c.req.header("Accept-Encoding")?.includes("gzip")) {
    entry.gzip ??= Bun.gzipSync(entry.text);
    return c.body(entry.gzip as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": "application/json",
      "Content-Encoding": "gzip",
    });
  }
  return c.body(entry.text, 200, { "Content-Type": "application/json" });
}
