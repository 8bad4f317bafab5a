// A Server-Sent Events client for the benchmarks, on a raw TCP socket (Bun.connect) with a
// hand-written HTTP/1.1 GET: one socket per stream and no connection pool, so a thousand
// streams need no more than a thousand sockets (bun's fetch runs at most 256 requests at once
// unless BUN_CONFIG_MAX_HTTP_REQUESTS is raised before it starts), and parsing costs the client
// little CPU on a machine it shares with the server.
//
// It checks what a browser's EventSource would need: status 200, `Content-Type:
// text/event-stream`, no `Content-Encoding` (it asks for gzip/deflate/br as browsers do, so a
// compressing middleware that buffered the stream would show), chunked or close-delimited
// framing, then the event-stream format (`event:`, `data:`, `id:` fields, `:` comments, blank
// line ends an event). Every event carries the client-side time it arrived at, in Unix
// milliseconds with sub-millisecond precision (performance.timeOrigin + performance.now()).
import { HOST } from "./helpers.ts";

/** One dispatched event. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** How a stream ended, when it did not end by {@link SseClient.close}. */
export type SseFailure =
  | { kind: "connect"; message: string }
  | { kind: "status"; status: number; body: string }
  | { kind: "protocol"; message: string }
  | { kind: "disconnect"; message: string };

/** Options of {@link SseClient}. */
export interface SseClientOptions {
  port: number;
  /** Path and query, e.g. `/events?topics=metrics`. */
  path: string;
  headers?: Record<string, string>;
  /** Called for every event, with the Unix-ms time its bytes arrived. */
  onEvent?: (event: SseEvent, receivedAt: number) => void;
  /** Called once when the stream fails (never after {@link SseClient.close}). */
  onFailure?: (failure: SseFailure) => void;
}

const CRLF = 0x0d;
const decoder = new TextDecoder();

/** Unix milliseconds with sub-millisecond precision. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Index of the first `\r\n` at or after `from`, or -1. */
function indexOfCrlf(bytes: Uint8Array, from = 0): number {
  for (let i = bytes.indexOf(CRLF, from); i >= 0 && i + 1 < bytes.length; i = bytes.indexOf(CRLF, i + 1))
    if (bytes[i + 1] === 0x0a) return i;
  return -1;
}

/** Index of the first `\r\n\r\n`, or -1. */
function indexOfHeadEnd(bytes: Uint8Array): number {
  for (let i = indexOfCrlf(bytes); i >= 0; i = indexOfCrlf(bytes, i + 2))
    if (bytes[i + 2] === 0x0d && bytes[i + 3] === 0x0a) return i;
  return -1;
}

/** One SSE stream over its own TCP connection. */
export class SseClient {
  /** HTTP status of the answer, once its head arrived. */
  status: number | undefined;
  /** Answer headers, lower-case names. */
  readonly headers = new Map<string, string>();
  /** Events dispatched so far. */
  events = 0;
  /** `:` comment lines (heartbeats) so far. */
  comments = 0;
  /** Bytes received so far (head included). */
  bytes = 0;
  /** Why the stream failed, if it did. */
  failure: SseFailure | undefined;

  #socket: Bun.Socket<undefined> | undefined;
  #closed = false;
  #head: Uint8Array = new Uint8Array(0);
  #inBody = false;
  #chunked = false;
  /** Bytes of chunked framing not consumed yet. */
  #frame: Uint8Array = new Uint8Array(0);
  /** Bytes still to read of the current chunk's data (-1: a size line comes next). */
  #chunkLeft = -1;
  #text = "";
  #event = { name: "", data: [] as string[], id: undefined as string | undefined };
  #receivedAt = 0;

  constructor(private readonly options: SseClientOptions) {}

  /** Connects and sends the request; resolves once the request is written (or the connection failed). */
  async open(): Promise<void> {
    const { port, path, headers = {} } = this.options;
    const lines = [
      `GET ${path} HTTP/1.1`,
      `Host: ${HOST}:${port}`,
      "Accept: text/event-stream",
      "Accept-Encoding: gzip, deflate, br",
      "Cache-Control: no-cache",
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    const request = `${lines.join("\r\n")}\r\n\r\n`;
    try {
      this.#socket = await Bun.connect({
        hostname: HOST,
        port,
        socket: {
          open: (socket) => {
            socket.write(request);
          },
          data: (_socket, data) => this.#onData(data),
          end: () => this.#fail({ kind: "disconnect", message: "the server ended the connection" }),
          close: (_socket, error) =>
            this.#fail({ kind: "disconnect", message: error ? String(error) : "connection closed" }),
          error: (_socket, error) => this.#fail({ kind: "disconnect", message: error.message }),
          connectError: (_socket, error) => this.#fail({ kind: "connect", message: error.message }),
        },
      });
    } catch (error) {
      this.#fail({ kind: "connect", message: (error as Error).message });
    }
  }

  /** Closes the stream from the client side (not counted as a failure). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket?.end();
  }

  /** True until the stream is closed or failed. */
  get live(): boolean {
    return !this.#closed;
  }

  #fail(failure: SseFailure): void {
    if (this.#closed) return;
    this.#closed = true;
    this.failure = failure;
    this.#socket?.end();
    this.options.onFailure?.(failure);
  }

  #onData(data: Uint8Array): void {
    if (this.#closed) return;
    this.#receivedAt = nowMs();
    this.bytes += data.length;
    if (this.#inBody) {
      this.#body(data);
      return;
    }
    this.#head = concat(this.#head, data);
    const end = indexOfHeadEnd(this.#head);
    if (end < 0) {
      if (this.#head.length > 64 * 1024) this.#fail({ kind: "protocol", message: "answer head over 64 KiB" });
      return;
    }
    const head = decoder.decode(this.#head.subarray(0, end)).split("\r\n");
    const rest = this.#head.subarray(end + 4);
    this.#head = new Uint8Array(0);
    this.status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? "")?.[1] ?? Number.NaN);
    for (const line of head.slice(1)) {
      const colon = line.indexOf(":");
      if (colon > 0)
        this.headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    if (this.status !== 200) {
      this.#fail({ kind: "status", status: this.status, body: decoder.decode(rest).slice(0, 300) });
      return;
    }
    const type = this.headers.get("content-type") ?? "";
    if (!type.startsWith("text/event-stream")) {
      this.#fail({ kind: "protocol", message: `Content-Type ${type || "missing"}` });
      return;
    }
    const encoding = this.headers.get("content-encoding");
    if (encoding && encoding !== "identity") {
      this.#fail({ kind: "protocol", message: `Content-Encoding ${encoding}: a compressed event stream` });
      return;
    }
    this.#chunked = /\bchunked\b/i.test(this.headers.get("transfer-encoding") ?? "");
    this.#inBody = true;
    if (rest.length > 0) this.#body(rest);
  }

  /** Removes the chunked framing, if any, and feeds the payload to the event-stream parser. */
  #body(data: Uint8Array): void {
    if (!this.#chunked) {
      this.#payload(data);
      return;
    }
    let bytes = concat(this.#frame, data);
    for (;;) {
      if (this.#chunkLeft < 0) {
        const eol = indexOfCrlf(bytes);
        if (eol < 0) break;
        const size = Number.parseInt(decoder.decode(bytes.subarray(0, eol)).split(";")[0] ?? "", 16);
        if (!Number.isInteger(size) || size < 0) {
          this.#fail({ kind: "protocol", message: "bad chunk size" });
          return;
        }
        if (size === 0) {
          this.#fail({ kind: "disconnect", message: "the server ended the stream (last chunk)" });
          return;
        }
        bytes = bytes.subarray(eol + 2);
        this.#chunkLeft = size;
      }
      if (this.#chunkLeft > 0) {
        const take = Math.min(this.#chunkLeft, bytes.length);
        if (take === 0) break;
        this.#payload(bytes.subarray(0, take));
        if (this.#closed) return;
        this.#chunkLeft -= take;
        bytes = bytes.subarray(take);
      }
      if (this.#chunkLeft === 0) {
        // The chunk's data is followed by CRLF.
        if (bytes.length < 2) break;
        bytes = bytes.subarray(2);
        this.#chunkLeft = -1;
      }
    }
    this.#frame = bytes.length > 0 ? bytes.slice() : new Uint8Array(0);
  }

  /** Parses event-stream text: lines end with \r\n, \n or \r; a blank line dispatches the event. */
  #payload(bytes: Uint8Array): void {
    this.#text += decoder.decode(bytes, { stream: true });
    let start = 0;
    for (;;) {
      let end = start;
      while (end < this.#text.length && this.#text[end] !== "\n" && this.#text[end] !== "\r") end++;
      if (end >= this.#text.length) break;
      // A \r at the very end may be the first half of \r\n: wait for more.
      if (this.#text[end] === "\r" && end + 1 >= this.#text.length) break;
      this.#line(this.#text.slice(start, end));
      if (this.#closed) return;
      start = end + (this.#text[end] === "\r" && this.#text[end + 1] === "\n" ? 2 : 1);
    }
    this.#text = this.#text.slice(start);
  }

  #line(line: string): void {
    if (line === "") {
      const { name, data, id } = this.#event;
      this.#event = { name: "", data: [], id: undefined };
      if (data.length === 0) return;
      this.events++;
      this.options.onEvent?.({ event: name || "message", data: data.join("\n"), id }, this.#receivedAt);
      return;
    }
    if (line.startsWith(":")) {
      this.comments++;
      return;
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.#event.name = value;
    else if (field === "data") this.#event.data.push(value);
    else if (field === "id") this.#event.id = value;
  }
}
