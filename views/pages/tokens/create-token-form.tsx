/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { FormState } from "../../components/form-field.tsx";
import { InlineFields } from "../../components/inline-fields.tsx";

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
          {
            kind: "text",
            name: "name",
            label: t("tokens.field.name"),
            help: t("tokens.help.name"),
            maxlength: 80,
            autocomplete: "off",
            required: true,
          },
          {
            kind: "text",
            name: "expiresInDays",
            type: "number",
            label: t("tokens.field.expiresInDays"),
            help: t("tokens.help.expiresInDays"),
            min: 1,
            max: 3650,
            inputmode: "numeric",
          },
        ]}
      />
    </form>
  );
}
