import type { Module } from "../context.ts";
import { searchApi } from "./api.ts";

/** One search across every module's searchable record kinds (their `search` declarations). */
export const searchModule: Module = {
  name: "search",
  api: [({ deps, search }) => searchApi(deps, search)],
};
