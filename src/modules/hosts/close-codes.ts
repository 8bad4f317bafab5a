// The agent protocol's WebSocket close codes, apart from its message schemas: the hub's gateway
// names them without loading the protocol (which it does when the first agent connects).

/** Close codes: each says whether the agent should come back. */
export const CLOSE = {
  /** The hub shuts down (standard "going away"): reconnect. */
  goingAway: 1001,
  /** A message was not valid JSON or not a message of this protocol: reconnect after a pause. */
  badMessage: 4400,
  /** Wrong, expired or used-up enrolment token, or an unknown credential: do not reconnect. */
  unauthorized: 4401,
  /** The agent was revoked on the hub: do not reconnect. */
  revoked: 4403,
  /** No hello in time. */
  helloTimeout: 4408,
  /** The other side speaks another protocol version: do not reconnect; upgrade one side. */
  protocol: 4426,
  /** Too many messages or samples per second. */
  tooFast: 4429,
  /** The same agent connected again; this older socket is closed. */
  replaced: 4409,
} as const;
