/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { HostDetail } from "../../../src/modules/hosts/host-detail.ts";
import type { HostProcesses } from "../../../src/modules/hosts/host-processes.ts";
import { columnsOf, DataTable } from "../../components/data-table.tsx";
import { TableEmptyRow } from "../../components/empty-row.tsx";
import { HostHead } from "./host-tabs.tsx";

/** Columns of a host's process table. */
const COLUMNS = 7;

/**
 * The rows of a host's process table (refreshed every 2 s, which keeps its agent sending);
 * one row saying so while the agent's first table is on its way.
 */
export function HostProcessRows({ view, table }: { view: ViewContext; table: HostProcesses }) {
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
          <td class="num">{fmt.number(p.pid)}</td>
          <td>
            <span class="cell-title mono">{p.name}</span>
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

/** An agent host's busiest processes, live while the page is open (read-only). */
export function HostProcessesPage({
  view,
  host,
  table,
}: {
  view: ViewContext;
  host: HostDetail;
  table: HostProcesses;
}) {
  const { t } = view;
  return (
    <>
      <HostHead view={view} host={host} current="processes" />
      <p class="muted" data-testid="processes-note">
        {t("hosts.processes.note")}
      </p>
      <span
        class="live-poller"
        hx-get={`/hosts/${host.id}/processes/rows`}
        hx-trigger="every 2s"
        hx-target="#host-process-rows"
        hx-swap="innerMorph"
        hx-sync="#host-process-rows:replace"
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
          <HostProcessRows view={view} table={table} />
        </DataTable>
      </div>
    </>
  );
}
