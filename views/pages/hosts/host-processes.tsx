/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { HostDetail } from "../../../src/modules/hosts/host-reads.ts";
import type { HostProcesses, ProcessRow } from "../../../src/modules/hosts/protocol.ts";
import type { SignalName } from "../../../src/modules/processes/service.ts";
import { columnsOf, DataTable, TableEmptyRow } from "../../components/data-table.tsx";
import { TextField } from "../../components/form-field.tsx";
import { LiveRefresh } from "../../components/live-rows.tsx";
import { Message } from "../../components/message.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { ProcessPanelFrame } from "../processes/panel.tsx";
import { HostHead } from "./host-tabs.tsx";

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

/** Columns of a host's process table. */
const COLUMNS = 7;

/**
 * The rows of a host's process table (refreshed every 2 s, which keeps its agent sending);
 * one row saying so while the agent's first table is on its way. With `selectable` (the
 * host's id, when the viewer may act on its processes) each name selects its process.
 */
export function HostProcessRows({
  view,
  table,
  selectable = null,
}: Pick<HostProcessesPageProps, "view" | "table"> & { selectable?: string | null }) {
  const { fmt, t } = view;
  if (table.processes.length === 0)
    return (
      <TableEmptyRow columns={COLUMNS} testid="processes-waiting">
        {t("hosts.processes.waiting")}
      </TableEmptyRow>
    );
  return (
    <>
      {table.processes.map((p) => (
        <tr data-testid={`process-${p.pid}`}>
          <td class="num">{p.pid}</td>
          <td>
            {selectable ? (
              <a class="cell-title mono" href={hostProcessHref(selectable, p.pid)}>
                {p.name}
              </a>
            ) : (
              <span class="cell-title mono">{p.name}</span>
            )}
            <div class="muted mono col-opt">{p.command}</div>
          </td>
          <td class="col-opt">{p.user}</td>
          <td class="num nowrap">{fmt.percent(p.cpu)}</td>
          <td class="num nowrap">{fmt.percent(p.memory)}</td>
          <td class="num nowrap col-opt">{fmt.bytes(p.rss)}</td>
          <td class="col-opt">{p.state}</td>
        </tr>
      ))}
    </>
  );
}

/** Props of an agent host's process page. */
export interface HostProcessesPageProps {
  view: ViewContext;
  host: HostDetail;
  table: HostProcesses;
  /** What the viewer may do to these processes (nothing: the page is read-only). */
  actions: HostProcessActions;
  /** The process selected to act on. */
  selected: SelectedHostProcess | null;
  /** What the last action did. */
  notice: string | null;
}

/**
 * An agent host's busiest processes, live while the page is open; a process selected by its
 * name can be signalled or reniced when the host's agent allows it.
 */
export function HostProcessesPage({ view, host, table, actions, selected, notice }: HostProcessesPageProps) {
  const { t } = view;
  const acting = actions.signals || actions.renice;
  return (
    <>
      <HostHead view={view} host={host} current="processes" />
      <p class="muted" data-testid="processes-note">
        {t(acting ? "hosts.processes.noteActions" : "hosts.processes.note")}
      </p>
      <Message view={view} kind="success" testid="process-sent">
        {notice}
      </Message>
      {selected && acting ? (
        <HostProcessPanel view={view} hostId={host.id} selected={selected} actions={actions} />
      ) : null}
      <LiveRefresh
        source={{ rows: `/hosts/${host.id}/processes/rows`, body: "host-process-rows" }}
        when="every 2s"
      />
      <div class="fits-narrow">
        <DataTable
          label={t("hosts.processes.title")}
          testid="host-processes-table"
          rowCount={Math.max(1, table.processes.length)}
          empty={null}
          body={{ id: "host-process-rows" }}
          columns={columnsOf(view, "hosts.processes.col", [
            { name: "pid", numeric: true },
            "name",
            { name: "user", className: "col-opt" },
            { name: "cpu", numeric: true },
            { name: "memory", numeric: true },
            { name: "rss", numeric: true, className: "col-opt" },
            { name: "state", className: "col-opt" },
          ])}
        >
          <HostProcessRows view={view} table={table} selectable={acting ? host.id : null} />
        </DataTable>
      </div>
    </>
  );
}
