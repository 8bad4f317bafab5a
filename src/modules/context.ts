import type { AppDeps } from "../deps.ts";
import type { ModuleDeclaration } from "../kit/module.ts";
import type { SearchSource } from "../kit/search-index.ts";
import type { RuleEngine } from "../monitor/rule-engine.ts";
import type { AgentGateway } from "./hosts/gateway.ts";
import type { ScanDeps } from "./scans/service.ts";

/** What `createApp` hands every module's router factories: the deps and the app-wide runners built from them. */
export interface ModuleContext {
  deps: AppDeps;
  /** The alert rule engine (the rules module reloads it on a change). */
  ruleEngine: RuleEngine;
  /** The scans service's dependencies, with the app's scan runner. */
  scans: ScanDeps;
  /** The hub's side of the agents' connections (their sockets and the sample writer). */
  hosts: AgentGateway;
  /** Every module's searchable record kinds, in module order. */
  search: readonly SearchSource[];
}

/** A module of this app: a declaration whose routers take the {@link ModuleContext}. */
export type Module = ModuleDeclaration<ModuleContext>;
