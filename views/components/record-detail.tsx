/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import { RecordHead, type RecordHeadProps } from "./record-head.tsx";

/** Props of a record's page. */
export interface RecordDetailProps extends Omit<RecordHeadProps, "children"> {
  /** The line under the title: severity, status and other badges. */
  badges: Child;
  /** Shown between the head and the columns (a request to acknowledge …). */
  lead?: Child;
  /** The main column: description, timeline, the module's own panels. */
  main: Child;
  /** The side column: workflow, actions, facts, related records. */
  side: Child;
  /** The columns' class prefix (`incident-layout`, `incident-main` …); `incident` unless given. */
  layout?: "incident" | "vuln";
  /** An extra class of the main column. */
  mainClass?: string;
}

/**
 * A record's page: its head (title and badges, edit and delete, the notice and the error),
 * then a main column and a side column of panels that the module fills.
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
      <RecordHead {...head}>{badges}</RecordHead>
      {lead}
      <div class={`${layout}-layout`}>
        <div class={mainClass ? `${layout}-main ${mainClass}` : `${layout}-main`}>{main}</div>
        <aside class={`${layout}-side`}>{side}</aside>
      </div>
    </>
  );
}
