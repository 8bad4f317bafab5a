/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { ApiTokenView } from "../../../src/modules/tokens/service.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { DataTable, namedTable } from "../../components/data-table.tsx";
import type { FormState } from "../../components/form-field.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { InlineFields } from "../../components/panel-form.tsx";
import { TimeCell } from "../../components/relative-time.tsx";
import { StateBadge } from "../../components/state-badge.tsx";
import { type CreatedToken, NewTokenSecret } from "./new-token.tsx";
import { TokenCells, tokenCountField, tokenNameField } from "./token-parts.tsx";

/** What the create-token form keeps after an error. */
export interface NewTokenValues extends Record<string, string> {
  name: string;
  /** Days until it expires, as typed; blank for never. */
  expiresInDays: string;
}

/** The form creating a personal API token: a name and an optional lifetime in days. */
function CreateTokenForm({ view, form }: { view: ViewContext; form: FormState<NewTokenValues> }) {
  const { t } = view;
  return (
    <form method="post" action="/tokens" class="form panel" data-testid="create-token-form">
      <h2 class="panel-title">{t("tokens.createTitle")}</h2>
      <InlineFields
        form={form}
        submit={t("tokens.create")}
        testid="create-token-submit"
        items={[
          tokenNameField(t("tokens.field.name"), t("tokens.help.name")),
          tokenCountField(
            "expiresInDays",
            t("tokens.field.expiresInDays"),
            3650,
            t("tokens.help.expiresInDays"),
          ),
        ]}
      />
    </form>
  );
}

/** Props of the API tokens page: plain data, all loaded by the route. */
export interface TokensPageProps {
  view: ViewContext;
  tokens: ApiTokenView[];
  /** The time the statuses are judged at (expired or not). */
  now: number;
  form: FormState<NewTokenValues>;
  /** The token just created, whose secret is shown this once. */
  created?: CreatedToken;
  /** Name of the token just revoked. */
  revoked?: string;
}

function statusOf(token: ApiTokenView, now: number) {
  if (token.revokedAt !== null) return "revoked";
  if (token.expiresAt !== null && token.expiresAt <= now) return "expired";
  return "active";
}

/** The signed-in user's personal API tokens: create, list, revoke. */
export function TokensPage({ view, tokens, now, form, created, revoked }: TokensPageProps) {
  const { t, fmt } = view;
  const active = tokens.filter((token) => statusOf(token, now) === "active").length;
  return (
    <>
      <PageHead
        title={t("tokens.title")}
        subClass="num"
        sub={t("tokens.counts", { active: fmt.number(active), total: fmt.number(tokens.length) })}
      />
      <p class="page-intro">{t("tokens.intro")}</p>
      {created ? <NewTokenSecret view={view} created={created} /> : null}
      {revoked ? (
        <Message view={view} kind="success" testid="notice">
          {t("tokens.revokedNotice", { name: revoked })}
        </Message>
      ) : null}
      <CreateTokenForm view={view} form={form} />
      <DataTable
        {...namedTable(view, "tokens", tokens.length, [
          "name",
          "token",
          "created",
          "expires",
          "lastUsed",
          "status",
          "actions",
        ])}
      >
        {tokens.map((token) => {
          const status = statusOf(token, now);
          return (
            <tr data-testid={`token-${token.name}`}>
              <TokenCells token={token} />
              <TimeCell view={view} ms={token.createdAt} />
              <TimeCell view={view} ms={token.expiresAt} none={t("tokens.never")} />
              <TimeCell view={view} ms={token.lastUsedAt} none={t("tokens.unused")} />
              <td>
                <StateBadge ok={status === "active"}>{t(`tokens.status.${status}`)}</StateBadge>
              </td>
              <td>
                {status === "active" ? (
                  <ConfirmAction
                    view={view}
                    id={`revoke-${token.id}`}
                    action={`/tokens/${token.id}/revoke`}
                    trigger={t("tokens.revoke")}
                    title={t("tokens.revokeDialog.title", { name: token.name })}
                    body={t("tokens.revokeDialog.body", { name: token.name, prefix: token.prefix })}
                    confirm={t("tokens.revokeDialog.confirm", { name: token.name })}
                    testid={`revoke-${token.name}`}
                  />
                ) : null}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}
