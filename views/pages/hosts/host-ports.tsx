/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { HostDetail } from "../../../src/modules/hosts/host-reads.ts";
import type { HostPorts } from "../../../src/modules/hosts/host-tables.ts";
import { columnsOf, DataTable } from "../../components/data-table.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { HostHead } from "./host-tabs.tsx";

/** An agent host's listening sockets as its agent last reported them (read-only). */
export function HostPortsPage({
  view,
  host,
  ports,
}: {
  view: ViewContext;
  host: HostDetail;
  ports: HostPorts;
}) {
  const { t } = view;
  return (
    <>
      <HostHead view={view} host={host} current="ports" />
      <p class="muted" data-testid="ports-at">
        {ports.at === null ? (
          t("hosts.ports.none")
        ) : (
          <>
            {t("hosts.ports.reported")} <RelativeTime view={view} ms={ports.at} none="" />
          </>
        )}
      </p>
      <div class="fits-narrow">
        <DataTable
          label={t("hosts.ports.title")}
          testid="host-ports-table"
          rowCount={ports.ports.length}
          empty={<p>{t("hosts.ports.empty")}</p>}
          columns={columnsOf(view, "hosts.ports.col", [
            { name: "port", numeric: true },
            "protocol",
            "address",
            "process",
          ])}
        >
          {ports.ports.map((p) => (
            <tr data-testid={`port-${p.protocol}-${p.port}`}>
              <td class="num">{p.port}</td>
              <td class="mono">{p.protocol}</td>
              <td class="mono">{p.address}</td>
              <td>
                {p.process === null ? (
                  <span class="muted">—</span>
                ) : (
                  <>
                    <span class="mono">{p.process}</span>
                    {p.pid === null ? null : <span class="muted num"> ({p.pid})</span>}
                  </>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </div>
    </>
  );
}
