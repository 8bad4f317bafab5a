/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { EnrolmentTokenView } from "../../../src/modules/hosts/enrolment.ts";
import type { HostView } from "../../../src/modules/hosts/host-reads.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { columnsOf, DataTable, namedTable } from "../../components/data-table.tsx";
import type { FormState } from "../../components/form-field.tsx";
import { LiveRefresh, LiveTopic } from "../../components/live-rows.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { InlineFields } from "../../components/panel-form.tsx";
import { RelativeTime, TimeCell } from "../../components/relative-time.tsx";
import { type CreatedToken, NewTokenSecret } from "../tokens/new-token.tsx";
import { TokenCells, tokenCountField, tokenNameField } from "../tokens/token-parts.tsx";

/** Props of the Hosts page: plain data, all loaded by the route. */
export interface HostsPageProps {
  view: ViewContext;
  hosts: HostView[];
  /** Whether the viewer manages enrolment and may revoke agents (admins). */
  canManage: boolean;
  /** The enrolment token just created, whose secret is shown this once. */
  created?: CreatedToken;
  /** The enrolment tokens (admins only). */
  tokens: EnrolmentTokenView[];
  /** The time token statuses are judged at. */
  now: number;
  /** The enrolment form's values (kept after an error) and errors. */
  form: FormState<Record<"name" | "maxUses" | "expiresInHours", string>>;
  /** This hub's address as the browser reached it (what agents pass as --hub). */
  hubUrl: string;
}

/** The badge class of each host status. */
export const STATUS_CLASS: Record<HostView["status"], string> = {
  up: "badge is-ok",
  stale: "badge is-warn",
  down: "badge is-danger",
  revoked: "badge",
};

function pct(view: ViewContext, value: number | null) {
  return value === null ? <span class="muted">—</span> : view.fmt.percent(value);
}

/** The rows of the hosts table (the live refresh morphs them in place). */
export function HostRows({ view, hosts, canManage }: Pick<HostsPageProps, "view" | "hosts" | "canManage">) {
  const { t, fmt } = view;
  return (
    <>
      {hosts.map((host) => (
        <tr data-testid={`host-${host.hostname}`}>
          <td>
            <a class="cell-title nowrap" href={host.kind === "local" ? "/" : `/hosts/${host.id}`}>
              {host.hostname}
            </a>
            {host.kind === "local" ? <div class="muted">{t("hosts.thisHost")}</div> : null}
          </td>
          <td>
            <span class={STATUS_CLASS[host.status]} data-testid="host-status">
              {t(`hosts.status.${host.status}`)}
            </span>
          </td>
          <td class="nowrap col-opt">
            <RelativeTime view={view} ms={host.lastSeenAt} none={t("hosts.never")} />
          </td>
          <td class="col-opt">{host.os || <span class="muted">—</span>}</td>
          <td class="num nowrap">{pct(view, host.cpu)}</td>
          <td class="num nowrap">{pct(view, host.memory)}</td>
          <td class="num nowrap">{pct(view, host.disk)}</td>
          <td class="num col-opt">
            {host.memoryTotal > 0 ? `${fmt.number(host.cores)} · ${fmt.bytes(host.memoryTotal)}` : "—"}
          </td>
          <td>
            {canManage && host.kind === "agent" && host.status !== "revoked" ? (
              <ConfirmAction
                view={view}
                id={`revoke-host-${host.id}`}
                action={`/hosts/${host.id}/revoke`}
                trigger={t("hosts.revoke")}
                title={t("hosts.revokeDialog.title", { name: host.hostname })}
                body={t("hosts.revokeDialog.body", { name: host.hostname })}
                confirm={t("hosts.revokeDialog.confirm")}
                testid={`revoke-${host.hostname}`}
              />
            ) : null}
          </td>
        </tr>
      ))}
    </>
  );
}

/** Admins' part of the Hosts page: create enrolment tokens for new agents, list and revoke them. */
function EnrolmentPanel({
  view,
  tokens,
  now,
  form,
  hubUrl,
}: Pick<HostsPageProps, "view" | "tokens" | "now" | "form" | "hubUrl">) {
  const { t, fmt } = view;
  return (
    <section class="panel" aria-labelledby="enrolment-title" data-testid="enrolment-panel">
      <h2 class="panel-title" id="enrolment-title">
        {t("hosts.enrolment.title")}
      </h2>
      <p class="panel-note muted">{t("hosts.enrolment.intro")}</p>
      <div class="secret-row">
        <code class="secret mono" data-testid="agent-command">
          warden agent --hub {hubUrl} --token wen_…
        </code>
      </div>
      <form method="post" action="/hosts/enrolment-tokens" class="form" data-testid="create-enrolment-form">
        <p class="panel-note muted">{t("hosts.enrolment.after")}</p>
        <InlineFields
          form={form}
          submit={t("hosts.enrolment.create")}
          testid="create-enrolment-submit"
          items={[
            tokenNameField(t("hosts.enrolment.name")),
            tokenCountField("maxUses", t("hosts.enrolment.maxUses"), 10000, t("hosts.enrolment.maxUsesHelp")),
            tokenCountField("expiresInHours", t("hosts.enrolment.expiresInHours"), 8760),
          ]}
        />
      </form>
      <div class="enrolment-tokens">
        <DataTable
          label={t("hosts.enrolment.title")}
          testid="enrolment-table"
          rowCount={tokens.length}
          empty={<p class="muted">{t("hosts.enrolment.empty")}</p>}
          columns={columnsOf(view, "hosts.enrolment.col", [
            "name",
            "token",
            { name: "uses", numeric: true },
            "expires",
            "actions",
          ])}
        >
          {tokens.map((token) => (
            <tr data-testid={`enrolment-${token.name}`}>
              <TokenCells token={token} />
              <td class="num">
                {fmt.number(token.uses)} / {fmt.number(token.maxUses)}
              </td>
              <TimeCell view={view} ms={token.expiresAt} />
              <td>
                {token.revokedAt === null && token.expiresAt > now && token.uses < token.maxUses ? (
                  <ConfirmAction
                    view={view}
                    id={`revoke-enrolment-${token.id}`}
                    action={`/hosts/enrolment-tokens/${token.id}/revoke`}
                    trigger={t("hosts.revoke")}
                    title={t("hosts.enrolment.revokeTitle", { name: token.name })}
                    body={t("hosts.enrolment.revokeBody")}
                    confirm={t("hosts.revoke")}
                    testid={`revoke-enrolment-${token.name}`}
                  />
                ) : (
                  <span class="badge">
                    {t(token.revokedAt !== null ? "hosts.enrolment.revoked" : "hosts.enrolment.spent")}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </div>
    </section>
  );
}

/** Every host at a glance (live), and for admins the enrolment of new agents. */
export function HostsPage(props: HostsPageProps) {
  const { view, hosts, canManage, created } = props;
  const { t, fmt } = view;
  // A revoked host stays listed until removed, but it is no longer one that could be up.
  const revoked = hosts.filter((h) => h.status === "revoked").length;
  const up = hosts.filter((h) => h.status === "up").length;
  const counts = {
    up: fmt.number(up),
    total: fmt.number(hosts.length - revoked),
    revoked: fmt.number(revoked),
  };
  return (
    <>
      <PageHead
        title={t("hosts.title")}
        subClass="num"
        sub={t(revoked === 0 ? "hosts.counts" : "hosts.countsRevoked", counts)}
      />
      <LiveTopic
        view={view}
        topic="hosts"
        events="hosts.tick host.connected host.disconnected host.revoked"
      />
      <LiveRefresh
        source={{ rows: "/hosts/rows", body: "host-rows" }}
        when="hosts-changed from:body, every 5s"
      />
      {created ? <NewTokenSecret view={view} created={created} /> : null}
      <div class="fits-narrow">
        <DataTable
          body={{ id: "host-rows" }}
          {...namedTable(view, "hosts", hosts.length, [
            "host",
            "status",
            { name: "lastSeen", className: "col-opt" },
            { name: "os", className: "col-opt" },
            { name: "cpu", numeric: true },
            { name: "memory", numeric: true },
            { name: "disk", numeric: true },
            { name: "size", numeric: true, className: "col-opt" },
            "actions",
          ])}
        >
          <HostRows view={view} hosts={hosts} canManage={canManage} />
        </DataTable>
      </div>
      {canManage ? <EnrolmentPanel {...props} /> : null}
    </>
  );
}
