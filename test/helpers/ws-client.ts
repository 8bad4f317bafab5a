/** A WebSocket client for the tests: what the server sent, whether the socket opened, how it closed. */

/** How a socket closed. */
export interface Closed {
  code: number;
  reason: string;
}

/** A message from the server (parsed JSON); the tests read the fields they expect. */
export interface WsMessage {
  type: string;
  id?: unknown;
  [key: string]: unknown;
}

/**
 * Watches `socket` from now on: collects the JSON messages it receives and how it closes.
 * `waitFor` answers the first message `match` accepts, waiting `waitMs` (4 s) at most;
 * `call` sends a request frame and answers its response or error frame.
 */
export function watchSocket<M extends WsMessage = WsMessage>(socket: WebSocket, waitMs = 4000) {
  const messages: M[] = [];
  let closed: Closed | null = null;
  let seq = 0;
  socket.onmessage = (e) => messages.push(JSON.parse(String(e.data)));
  const ended = new Promise<Closed>((resolve) => {
    socket.onclose = (e) => {
      closed = { code: e.code, reason: e.reason };
      resolve(closed);
    };
  });
  const opened = new Promise<boolean>((resolve) => {
    socket.onopen = () => resolve(true);
    socket.onerror = () => resolve(false);
  });
  const waitFor = async (match: (m: M) => boolean, ms = waitMs): Promise<M> => {
    for (const end = Date.now() + ms; Date.now() < end; await Bun.sleep(20)) {
      const hit = messages.find(match);
      if (hit) return hit;
    }
    throw new Error(`no matching message; got ${JSON.stringify(messages.slice(-5)).slice(0, 500)}`);
  };
  return {
    socket,
    messages,
    /** True once open, false if it failed to. */
    opened,
    /** How it closed, once it has. */
    ended,
    /** How it closed, or null while open. */
    closed: (): Closed | null => closed,
    waitFor,
    send: (m: unknown) => socket.send(typeof m === "string" ? m : JSON.stringify(m)),
    call: (method: string, params?: unknown) => {
      const id = ++seq;
      socket.send(JSON.stringify({ type: "request", id, method, params }));
      return waitFor((m) => m.id === id && (m.type === "response" || m.type === "error"));
    },
  };
}
