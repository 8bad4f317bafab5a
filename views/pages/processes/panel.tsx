/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { ProcessDetails, SignalName } from "../../../src/modules/processes/service.ts";
import type { Connection } from "../../../src/monitor/connections.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { Icon } from "../../components/icon.tsx";
import { Message } from "../../components/message.tsx";
import { DateTime } from "../../components/relative-time.tsx";
import { endpoint } from "../network/endpoint.ts";
import { type ProcessFilters, processesHref, processQueryString } from "./filters.ts";

/** Props of the details panel. */
export interface ProcessPanelProps {
  view: ViewContext;
  process: ProcessDetails;
  filters: ProcessFilters;
  /** Whether the viewer may signal processes (admins). */
  canControl: boolean;
  /** A confirmation to show open (the no-JavaScript way to confirm). */
  confirm: SignalName | null;
  /** Why the last action on this process failed. */
  error: string | null;
}

/** "127.0.0.1:8080 → 10.0.0.2:51234" (just the local end for a listening socket). */
function socketLabel(c: Connection): string {
  const local = endpoint(c.localAddress, c.localPort);
  return c.remoteAddress === null ? local : `${local} → ${endpoint(c.remoteAddress, c.remotePort)}`;
}

/** Props of one signal's confirmed button. */
export interface SignalConfirmProps {
  view: ViewContext;
  name: string;
  pid: number;
  signal: SignalName;
  /** Where the confirmed form posts (the signal is posted as `signal`). */
  action: string;
  /** The page with this process selected (a query string follows it): the no-JavaScript way back. */
  href: string;
  open: boolean;
}

/** A signal's button and the dialog confirming it, naming the process; the local and the agents' process pages show it. */
export function SignalConfirm({ view, name, pid, signal, action, href, open }: SignalConfirmProps) {
  const { t } = view;
  const names = { name, pid: String(pid) };
  return (
    <ConfirmAction
      view={view}
      id={`signal-${signal}`}
      action={action}
      fields={{ signal }}
      trigger={t(`processes.signal.${signal}.trigger`)}
      triggerHref={`${href}&confirm=${signal}`}
      cancelHref={href}
      title={t(`processes.signal.${signal}.title`, names)}
      body={t(`processes.signal.${signal}.body`, names)}
      confirm={t(`processes.signal.${signal}.confirm`)}
      variant="danger"
      triggerVariant={signal === "TERM" ? "secondary" : "danger"}
      open={open}
      testid={`signal-${signal}`}
    />
  );
}

/** The details of one process beside the table: what it runs, where, its sockets, and (admins) its environment and signals. */
export function ProcessPanel({ view, process: p, filters, canControl, confirm, error }: ProcessPanelProps) {
  const { t, fmt } = view;
  const sprite = view.asset("vendor/icons.svg");
  const env = p.environment ? Object.entries(p.environment).sort(([a], [b]) => a.localeCompare(b)) : null;
  return (
    <section class="card process-panel" aria-labelledby="process-panel-title" data-testid="process-panel">
      <header class="panel-head">
        <div>
          <h2 id="process-panel-title">{p.name}</h2>
          <p class="muted num">{t("processes.panel.pid", { pid: String(p.pid), user: p.user })}</p>
        </div>
        <a
          class="icon-button"
          href={processesHref(filters, { pid: null })}
          title={t("processes.panel.close")}
        >
          <Icon name="x" sprite={sprite} />
          <span class="visually-hidden">{t("processes.panel.close")}</span>
        </a>
      </header>
      <Message view={view} kind="error" testid="process-error">
        {error}
      </Message>
      <pre class="command-line" data-testid="process-command">
        {p.argv.length > 0 ? p.argv.join(" ") : p.command}
      </pre>
      <dl class="facts">
        <dt>{t("processes.col.state")}</dt>
        <dd>{t(`processes.state.${p.state}`)}</dd>
        <dt>{t("processes.col.cpu")}</dt>
        <dd class="num">{fmt.percent(p.cpu)}</dd>
        <dt>{t("processes.col.memory")}</dt>
        <dd class="num">
          {fmt.bytes(p.rss)} · {fmt.percent(p.memory)}
        </dd>
        <dt>{t("processes.col.threads")}</dt>
        <dd class="num">{p.threads}</dd>
        <dt>{t("processes.col.nice")}</dt>
        <dd class="num">{p.nice}</dd>
        <dt>{t("processes.col.started")}</dt>
        <dd>
          <DateTime view={view} ms={p.startedAt} />
        </dd>
        <dt>{t("processes.panel.parent")}</dt>
        <dd class="num">
          <a href={processesHref(filters, { pid: p.ppid })}>{p.ppid}</a>
        </dd>
        <dt>{t("processes.panel.executable")}</dt>
        <dd class="mono break">{p.executable ?? <span class="muted">{t("processes.panel.hidden")}</span>}</dd>
        <dt>{t("processes.panel.cwd")}</dt>
        <dd class="mono break">{p.cwd ?? <span class="muted">{t("processes.panel.hidden")}</span>}</dd>
        <dt>{t("processes.panel.openFiles")}</dt>
        <dd class="num">{p.openFiles ?? <span class="muted">{t("processes.panel.hidden")}</span>}</dd>
      </dl>
      <h3>{t("processes.panel.sockets")}</h3>
      {p.connections.length === 0 ? (
        <p class="muted">{t("processes.panel.noSockets")}</p>
      ) : (
        <ul class="socket-list" data-testid="process-sockets">
          {p.connections.map((c) => (
            <li>
              <span class="mono">{c.protocol}</span> <span class="mono">{socketLabel(c)}</span>{" "}
              <span class="muted">{c.state}</span>
            </li>
          ))}
        </ul>
      )}
      {env ? (
        <details class="env">
          <summary class="env-summary">
            {t("processes.panel.environment", { count: String(env.length) })}
          </summary>
          <dl class="env-list">
            {env.map(([key, value]) => (
              <>
                <dt class="mono">{key}</dt>
                <dd class="mono break">{value}</dd>
              </>
            ))}
          </dl>
        </details>
      ) : null}
      {canControl ? (
        <div class="panel-actions">
          {(["TERM", "KILL"] as const).map((signal) => (
            <SignalConfirm
              view={view}
              name={p.name}
              pid={p.pid}
              signal={signal}
              action={`/processes/${p.pid}/signal${processQueryString(filters)}`}
              href={processesHref(filters, { pid: p.pid })}
              open={confirm === signal}
            />
          ))}
        </div>
      ) : null}
    </section>
  );
}
