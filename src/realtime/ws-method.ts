import type { z } from "zod";
import type { Actor } from "../kit/actor.ts";
import type { RequestFacts } from "../kit/audit.ts";
import type { Action, Resource } from "../kit/rbac.ts";
import { closedInput } from "../lib/closed-schema.ts";

/**
 * A request/response method of the WebSocket: the permission it needs (checked before its
 * params are read, as an API route's is), its params schema (closed: an unknown param is
 * refused) and what it does.
 */
export interface WsMethod {
  permission: { action: Action; resource: Resource };
  params: z.ZodType;
  call(actor: Actor, params: never, request: RequestFacts): unknown;
}

/** A {@link WsMethod}: its params schema closed (an unknown param is refused). */
export function wsMethod<S extends z.ZodType>(
  permission: WsMethod["permission"],
  params: S,
  call: (actor: Actor, params: z.infer<S>, request: RequestFacts) => unknown,
): WsMethod {
  return { permission, params: closedInput(params), call: call as WsMethod["call"] };
}

/** A module's WebSocket request methods, by name (`processes.list`). */
export type WsMethods = Record<string, WsMethod>;
