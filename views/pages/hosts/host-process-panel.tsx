/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { ProcessRow } from "../../../src/modules/hosts/protocol.ts";
import type { SignalName } from "../../../src/modules/processes/service.ts";
import { TextField } from "../../components/form-field.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { ProcessPanelFrame } from "../processes/panel.tsx";

/** What the viewer may do to an agent host's processes: its agent's `agent.allow` and the viewer's role both allow it. */
export interface HostProcessActions {
  signals: boolean;
  renice: boolean;
}

/** The process a page of an agent host's processes has selected, and what happened to the last action on it. */
export interface SelectedHostProcess {
  pid: number;
  /** Its row of the agent's table; null while the table has not come or the process left it. */
  row: ProcessRow | null;
  /** A confirmation to show open (the no-JavaScript way to confirm). */
  confirm: SignalName | null;
  /** Why the last action failed (the hub's or the agent's sentence). */
  error: string | null;
  /** The nice value the renice form shows. */
  nice: string;
}

/** The href of an agent host's process page with `pid` selected. */
export function hostProcessHref(hostId: string, pid: number): string {
  return `/hosts/${hostId}/processes?pid=${pid}`;
}

/**
 * The selected process of an agent host with the actions its agent allows: the local
 * page's confirmed TERM and KILL, and a renice form; each carried out by the agent.
 */
export function HostProcessPanel({
  view,
  hostId,
  selected,
  actions,
}: {
  view: ViewContext;
  hostId: string;
  selected: SelectedHostProcess;
  actions: HostProcessActions;
}) {
  const { t } = view;
  const { pid, row } = selected;
  const base = `/hosts/${hostId}/processes/${pid}`;
  return (
    <ProcessPanelFrame
      view={view}
      name={row?.name ?? t("hosts.processes.unnamed")}
      pid={pid}
      user={row?.user ?? "?"}
      closeHref={`/hosts/${hostId}/processes`}
      error={selected.error}
      signals={
        actions.signals
          ? { action: `${base}/signal`, href: hostProcessHref(hostId, pid), confirm: selected.confirm }
          : null
      }
    >
      {row ? (
        <pre class="command-line" data-testid="process-command">
          {row.command}
        </pre>
      ) : null}
      {actions.renice ? (
        <form method="post" action={`${base}/renice`} class="inline-form" data-testid="renice-form">
          <TextField
            name="nice"
            type="number"
            min={-20}
            max={19}
            label={t("hosts.processes.renice.label")}
            value={selected.nice}
          />
          <SubmitButton variant="secondary" small testid="renice-submit">
            {t("hosts.processes.renice.submit")}
          </SubmitButton>
        </form>
      ) : null}
    </ProcessPanelFrame>
  );
}
