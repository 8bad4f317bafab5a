/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import { type FormState, firstInvalid, TextField } from "../../components/form-field.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";

/** What the create-token form keeps after an error. */
export interface NewTokenValues extends Record<string, string> {
  name: string;
  /** Days until it expires, as typed; blank for never. */
  expiresInDays: string;
}

/** The form creating a personal API token: a name and an optional lifetime in days. */
export function CreateTokenForm({ view, form }: { view: ViewContext; form: FormState<NewTokenValues> }) {
  const { t } = view;
  const { values, errors } = form;
  const focus = firstInvalid(errors, ["name", "expiresInDays"]);
  return (
    <form method="post" action="/tokens" class="form panel" data-testid="create-token-form">
      <h2 class="panel-title">{t("tokens.createTitle")}</h2>
      <div class="form-grid is-inline">
        <TextField
          name="name"
          label={t("tokens.field.name")}
          value={values.name}
          error={errors.name}
          help={t("tokens.help.name")}
          maxlength={80}
          autocomplete="off"
          required
          autofocus={focus === "name"}
        />
        <TextField
          name="expiresInDays"
          type="number"
          label={t("tokens.field.expiresInDays")}
          value={values.expiresInDays}
          error={errors.expiresInDays}
          help={t("tokens.help.expiresInDays")}
          min={1}
          max={3650}
          inputmode="numeric"
          autofocus={focus === "expiresInDays"}
        />
        <div class="form-actions">
          <SubmitButton testid="create-token-submit">{t("tokens.create")}</SubmitButton>
        </div>
      </div>
    </form>
  );
}
