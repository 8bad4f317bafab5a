/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { ProcessDetails, SignalName } from "../../../src/modules/processes/service.ts";
import type { Connection } from "../../../src/monitor/connections.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { FactList } from "../../components/fact-list.tsx";
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

/**
 * A process panel, on the local and the agents' process pages: the name and pid with a close
 * link, the last action's error, the details, then Terminate and Kill each behind a dialog
 * naming the process.
 */
export function ProcessPanelFrame(props: {
  view: ViewContext;
  name: string;
  pid: number;
  user: string;
  /** The page without the process selected. */
  closeHref: string;
  /** Why the last action on this process failed. */
  error: string | null;
  /** Where the signals post, the page with the process selected (the no-JavaScript way back), the open dialog; null: none. */
  signals: { action: string; href: string; confirm: SignalName | null } | null;
  /** What it runs and the rest (the local page's facts, an agent's renice form). */
  children?: Child;
}) {
  const { view, name, pid, signals } = props;
  const { t } = view;
  const names = { name, pid: String(pid) };
  return (
    <section class="card process-panel" aria-labelledby="process-panel-title" data-testid="process-panel">
      <header class="panel-head">
        <div>
          <h2 id="process-panel-title">{name}</h2>
          <p class="muted num">{t("processes.panel.pid", { pid: String(pid), user: props.user })}</p>
        </div>
        <a class="icon-button" href={props.closeHref} title={t("processes.panel.close")}>
          <Icon name="x" sprite={view.asset("vendor/icons.svg")} />
          <span class="visually-hidden">{t("processes.panel.close")}</span>
        </a>
      </header>
      <Message view={view} kind="error" testid="process-error">
        {props.error}
      </Message>
      {props.children}
      {signals ? (
        <div class="panel-actions">
          {(["TERM", "KILL"] as const).map((signal) => (
            <ConfirmAction
              view={view}
              id={`signal-${signal}`}
              action={signals.action}
              fields={{ signal }}
              trigger={t(`processes.signal.${signal}.trigger`)}
              triggerHref={`${signals.href}&confirm=${signal}`}
              cancelHref={signals.href}
              title={t(`processes.signal.${signal}.title`, names)}
              body={t(`processes.signal.${signal}.body`, names)}
              confirm={t(`processes.signal.${signal}.confirm`)}
              variant="danger"
              triggerVariant={signal === "TERM" ? "secondary" : "danger"}
              open={signals.confirm === signal}
              testid={`signal-${signal}`}
            />
          ))}
        </div>
      ) : null}
    </section>
  );
}

/** The details of one process beside the table: what it runs, where, its sockets, and (admins) its environment and signals. */
export function ProcessPanel({ view, process: p, filters, canControl, confirm, error }: ProcessPanelProps) {
  const { t, fmt } = view;
  const hidden = t("processes.panel.hidden");
  const env = p.environment ? Object.entries(p.environment).sort(([a], [b]) => a.localeCompare(b)) : null;
  return (
    <ProcessPanelFrame
      view={view}
      name={p.name}
      pid={p.pid}
      user={p.user}
      closeHref={processesHref(filters, { pid: null })}
      error={error}
      signals={
        canControl
          ? {
              action: `/processes/${p.pid}/signal${processQueryString(filters)}`,
              href: processesHref(filters, { pid: p.pid }),
              confirm,
            }
          : null
      }
    >
      <pre class="command-line" data-testid="process-command">
        {p.argv.length > 0 ? p.argv.join(" ") : p.command}
      </pre>
      <FactList
        facts={[
          { label: t("processes.col.state"), value: t(`processes.state.${p.state}`) },
          { label: t("processes.col.cpu"), value: fmt.percent(p.cpu), class: "num" },
          {
            label: t("processes.col.memory"),
            value: `${fmt.bytes(p.rss)} · ${fmt.percent(p.memory)}`,
            class: "num",
          },
          { label: t("processes.col.threads"), value: p.threads, class: "num" },
          { label: t("processes.col.nice"), value: p.nice, class: "num" },
          { label: t("processes.col.started"), value: <DateTime view={view} ms={p.startedAt} /> },
          {
            label: t("processes.panel.parent"),
            value: <a href={processesHref(filters, { pid: p.ppid })}>{p.ppid}</a>,
            class: "num",
          },
          { label: t("processes.panel.executable"), value: p.executable, class: "mono break", empty: hidden },
          { label: t("processes.panel.cwd"), value: p.cwd, class: "mono break", empty: hidden },
          { label: t("processes.panel.openFiles"), value: p.openFiles, class: "num", empty: hidden },
        ]}
      />
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
    </ProcessPanelFrame>
  );
}
