/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { FormState } from "../../components/form-field.tsx";
import { InlineFields } from "../../components/inline-fields.tsx";
import { tokenCountField, tokenNameField } from "./token-parts.tsx";

/** What the create-token form keeps after an error. */
export interface NewTokenValues extends Record<string, string> {
  name: string;
  /** Days until it expires, as typed; blank for never. */
  expiresInDays: string;
}

/** The form creating a personal API token: a name and an optional lifetime in days. */
export function CreateTokenForm({ view, form }: { view: ViewContext; form: FormState<NewTokenValues> }) {
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
