/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import { RecordHead, type RecordHeadProps } from "./record-head.tsx";

/** Props of a record's page. */
export interface RecordDetailProps extends Omit<RecordHeadProps, "children"> {
  /** The line under the title, in order: severity, status and other badges (a null is left out). */
  badges: Child[];
  /** Shown between the head and the columns (a request to acknowledge …). */
  lead?: Child;
  /** The main column's panels, in order: description, timeline, the module's own. */
  main: Child[];
  /** The side column's panels, in order: workflow, actions, facts (`FactsPanel`), related records. */
  side: Child[];
  /** The columns' class prefix (`incident-layout`, `incident-main` …); `incident` unless given. */
  layout?: "incident" | "vuln";
  /** An extra class of the main column. */
  mainClass?: string;
}

/**
 * A record's page, described as data: its head (title and the badges under it, edit and
 * delete, the notice and the error), then a main column and a side column, each the list
 * of panels the module gives.
 */
export function RecordDetail({
  badges,
  lead,
  main,
  side,
  layout = "incident",
  mainClass,
  ...head
}: RecordDetailProps) {
  return (
    <>
      <RecordHead {...head}>
        <p class="page-sub record-badges">{badges}</p>
      </RecordHead>
      {lead}
      <div class={`${layout}-layout`}>
        <div class={mainClass ? `${layout}-main ${mainClass}` : `${layout}-main`}>{main}</div>
        <aside class={`${layout}-side`}>{side}</aside>
      </div>
    </>
  );
}
