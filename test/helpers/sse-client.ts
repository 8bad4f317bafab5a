/** One Server-Sent Event as read off the wire (a comment line is kept as `comment`). */
export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** An open event stream: its response, the events so far, and how to end it. */
export interface SseClient {
  res: Response;
  events: SseEvent[];
  close(): void;
  done: Promise<void>;
}

/** A real HTTP client reading Server-Sent Events from `url` (fetch streaming). */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  const done = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = {};
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) event.comment = line.slice(1).trim();
            else {
              const colon = line.indexOf(":");
              const key = line.slice(0, colon) as "id" | "event" | "data";
              event[key] = line.slice(colon + 1).trimStart();
            }
          }
          events.push(event);
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // aborted by the test
    }
  })();
  return { res, events, close: () => controller.abort(), done };
}
