/** @jsxImportSource hono/jsx */

import type { ListNames } from "../../../src/kit/record-kind.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { ConnectionQuery } from "../../../src/modules/network/service.ts";
import type { Connection } from "../../../src/monitor/connections.ts";
import { columnsOf, DataTable, TableEmptyRow } from "../../components/data-table.tsx";
import { FilterBar, searchFilter, selectFilter } from "../../components/filter-fields.tsx";
import { choices, type FormItem } from "../../components/form-fields.tsx";
import { type LiveListState, LiveRefresh, liveBody, liveSource } from "../../components/live-rows.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { NetworkTabs } from "../scans/tabs.tsx";
import { endpoint } from "./endpoint.ts";

/** The names the list is built from. */
const CONNECTIONS: ListNames = { one: "connection", many: "network", path: "/network" };
const LIVE = liveSource(CONNECTIONS);

/** The socket table's rows (also the body of each live refresh). */
export function ConnectionRows({ view, items }: { view: ViewContext; items: Connection[] }) {
  const { t } = view;
  if (items.length === 0) {
    return (
      <TableEmptyRow columns={5} testid="connections-empty">
        {t("network.empty")}
      </TableEmptyRow>
    );
  }
  return (
    <>
      {items.map((c) => (
        <tr>
          <td class="mono nowrap">{c.protocol}</td>
          <td class="mono nowrap">{endpoint(c.localAddress, c.localPort)}</td>
          <td class="mono nowrap">
            {c.remoteAddress === null ? (
              <span class="muted">—</span>
            ) : (
              endpoint(c.remoteAddress, c.remotePort)
            )}
          </td>
          <td class="nowrap">
            <span class={c.state === "LISTEN" ? "state state-running" : "state"}>{c.state}</span>
          </td>
          <td class="nowrap">
            {c.pid === null ? (
              <span class="muted" title={t("network.noOwner")}>
                —
              </span>
            ) : (
              <a href={`/processes?pid=${c.pid}&q=${c.pid}`}>
                {c.process ?? "?"} <span class="muted num">({c.pid})</span>
              </a>
            )}
          </td>
        </tr>
      ))}
    </>
  );
}

/**
 * `/network`: the host's sockets — what listens on which address and port, and the
 * connections in place — with the process owning each; refreshed in place.
 */
export function NetworkPage(props: LiveListState<ConnectionQuery> & { items: Connection[] }) {
  const { view, filters, errors, items, refreshMs } = props;
  const { t, fmt } = view;
  const listening = items.filter((c) => c.state === "LISTEN").length;
  const filterItems: FormItem[] = [
    searchFilter(view, "network", t("network.filter.qPlaceholder"), 100),
    selectFilter(
      view,
      "network",
      "state",
      choices([], ["all", "listening", "established"], (s) => t(`network.filter.${s}`)),
    ),
    selectFilter(view, "network", "protocol", [
      { value: "all", label: t("network.filter.anyProtocol") },
      { value: "tcp", label: "TCP" },
      { value: "udp", label: "UDP" },
    ]),
  ];
  return (
    <>
      <PageHead
        title={t("network.title")}
        subClass="num"
        subId="connection-count"
        sub={t.plural("network.count", items.length, {
          total: fmt.number(items.length),
          listening: fmt.number(listening),
        })}
      >
        <div class="page-head-side">
          <NetworkTabs view={view} current="sockets" />
          <p class="page-hint muted">{t("processes.liveHint", { seconds: String(refreshMs / 1000) })}</p>
        </div>
      </PageHead>
      <FilterBar view={view} list={CONNECTIONS} filters={filters} errors={errors} items={filterItems} />
      <LiveRefresh source={LIVE} when={`every ${refreshMs}ms`} hold="#connection-table" />
      <div id="connection-table">
        <DataTable
          label={t("network.title")}
          testid="connections-table"
          rowCount={1}
          empty={null}
          columns={columnsOf(view, "network.col", ["protocol", "local", "remote", "state", "process"])}
          body={liveBody(LIVE)}
        >
          <ConnectionRows view={view} items={items} />
        </DataTable>
      </div>
    </>
  );
}
