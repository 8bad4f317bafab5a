/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";

/** The most hosts and port columns the matrix draws (the results table lists everything). */
const MAX_HOSTS = 64;
const MAX_PORTS = 48;

/** Hosts × open ports: one row per host that answered, one column per port open anywhere. */
export function PortMatrix({
  view,
  hosts,
  ports,
}: {
  view: ViewContext;
  hosts: { address: string; openCount: number }[];
  ports: { host: string; port: number; service: string | null }[];
}) {
  const { t, fmt } = view;
  const columns = [...new Set(ports.map((p) => p.port))].sort((a, b) => a - b);
  const open = new Set(ports.map((p) => `${p.host} ${p.port}`));
  const services = new Map(ports.map((p) => [p.port, p.service]));
  const shownHosts = hosts.slice(0, MAX_HOSTS);
  const shownPorts = columns.slice(0, MAX_PORTS);
  if (hosts.length === 0 || columns.length === 0)
    return (
      <p class="muted" data-testid="port-matrix-empty">
        {t("scans.matrix.empty")}
      </p>
    );
  return (
    <>
      <div class="matrix-wrap">
        <table class="port-matrix" data-testid="port-matrix" aria-label={t("scans.matrix.title")}>
          <thead>
            <tr>
              <th scope="col">{t("scans.col.host")}</th>
              {shownPorts.map((port) => (
                <th scope="col" class="mono" title={services.get(port) ?? undefined}>
                  {port}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shownHosts.map((host) => (
              <tr>
                <th scope="row" class="mono">
                  {host.address}
                </th>
                {shownPorts.map((port) =>
                  open.has(`${host.address} ${port}`) ? (
                    <td class="is-open" title={t("scans.matrix.open", { host: host.address, port })}>
                      <span class="visually-hidden">{t("scans.state.open")}</span>
                    </td>
                  ) : (
                    <td />
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hosts.length > MAX_HOSTS || columns.length > MAX_PORTS ? (
        <p class="muted">
          {t("scans.matrix.cut", {
            hosts: fmt.number(shownHosts.length),
            ports: fmt.number(shownPorts.length),
            allHosts: fmt.number(hosts.length),
            allPorts: fmt.number(columns.length),
          })}
        </p>
      ) : null}
    </>
  );
}
