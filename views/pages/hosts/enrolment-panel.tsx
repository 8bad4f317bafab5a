/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { EnrolmentTokenView } from "../../../src/modules/hosts/enrolment.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { columnsOf, DataTable } from "../../components/data-table.tsx";
import type { FormState } from "../../components/form-field.tsx";
import { InlineFields } from "../../components/panel-form.tsx";
import { TimeCell } from "../../components/relative-time.tsx";
import { TokenCells, tokenCountField, tokenNameField } from "../tokens/token-parts.tsx";

/** What the enrolment form keeps after an error. */
export type EnrolmentValues = Record<"name" | "maxUses" | "expiresInHours", string>;

/** Props of the enrolment panel (the Hosts page is given them too). */
export interface EnrolmentPanelProps {
  view: ViewContext;
  /** The enrolment tokens (admins only). */
  tokens: EnrolmentTokenView[];
  /** The time token statuses are judged at. */
  now: number;
  /** The enrolment form's values and errors. */
  form: FormState<EnrolmentValues>;
  /** This hub's address as the browser reached it (what agents pass as --hub). */
  hubUrl: string;
}

/** Admins' part of the Hosts page: create enrolment tokens for new agents, list and revoke them. */
export function EnrolmentPanel({ view, tokens, now, form, hubUrl }: EnrolmentPanelProps) {
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
