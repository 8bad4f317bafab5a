/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { Language } from "../../../src/lib/i18n.ts";
import { type IdentityValues, identityFields, newPasswordFields } from "../../components/account-fields.ts";
import type { FormState } from "../../components/form-field.tsx";
import { FormFields } from "../../components/form-fields.tsx";
import { LanguageLinks } from "../../components/language-links.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";

/** Props of the first-run setup page. */
export interface SetupPageProps {
  view: ViewContext;
  /** What was typed, kept after an error (never the passwords). */
  form: FormState<IdentityValues>;
  passwordMinLength: number;
  /** The shipped languages, offered as links. */
  languages?: readonly Language[];
}

/** First run: create the first administrator, who is then signed in. */
export function SetupPage({ view, form, passwordMinLength, languages = [] }: SetupPageProps) {
  const { t } = view;
  return (
    <section class="auth-card is-wide" aria-labelledby="setup-title">
      <h1 id="setup-title">{t("setup.title")}</h1>
      <p class="auth-sub">{t("setup.subtitle")}</p>
      <form method="post" action="/setup" class="form">
        <FormFields
          form={form}
          focus="first"
          items={[
            ...identityFields(view, "self"),
            {
              kind: "group",
              class: "form-row",
              fields: newPasswordFields(view, t("users.field.password"), passwordMinLength),
            },
          ]}
        />
        <SubmitButton testid="setup-submit">{t("setup.submit")}</SubmitButton>
      </form>
      <LanguageLinks view={view} languages={languages} />
    </section>
  );
}
