/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import { THREAT_CATEGORIES } from "../../../src/modules/threats/schema.ts";
import { HiddenFields, SelectField, TextAreaField, TextField } from "../../components/form-field.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { buttonClass, SubmitButton } from "../../components/submit-button.tsx";

/** A threat form's values as typed. */
export interface ThreatFormValues extends Record<string, string> {
  name: string;
  category: string;
  description: string;
  /** ATT&CK ids separated by spaces or commas. */
  techniques: string;
  version: string;
}

/** Props of the threat form. */
export interface ThreatFormProps {
  view: ViewContext;
  /** The threat being edited; null for a new one. */
  id: string | null;
  values: ThreatFormValues;
  errors: FieldErrors;
}

/** The form to record or edit a threat; after a 422 it keeps what was typed and says what is wrong. */
export function ThreatForm({ view, id, values, errors }: ThreatFormProps) {
  const { t } = view;
  const action = id ? `/threats/${id}/edit` : "/threats";
  return (
    <>
      <PageHead
        back={<a href="/threats">{t("threats.title")}</a>}
        title={id ? t("threats.edit") : t("threats.new")}
      />
      {Object.keys(errors).length > 0 ? (
        <Message view={view} kind="error">
          {errors.form ?? t("threats.fixErrors")}
        </Message>
      ) : null}
      <form method="post" action={action} class="form panel" data-testid="threat-form">
        {id ? <HiddenFields fields={{ version: values.version }} /> : null}
        <TextField
          name="name"
          label={t("threats.field.name")}
          value={values.name}
          error={errors.name}
          required
          maxlength={200}
          autofocus
        />
        <SelectField
          name="category"
          label={t("threats.field.category")}
          value={values.category}
          error={errors.category}
          options={[
            { value: "", label: t("threats.choose") },
            ...THREAT_CATEGORIES.map((c) => ({ value: c, label: t(`threats.category.${c}`) })),
          ]}
        />
        <TextField
          name="techniques"
          label={t("threats.field.techniques")}
          value={values.techniques}
          error={errors.techniques}
          help={t("threats.field.techniquesHelp")}
          maxlength={1000}
        />
        <TextAreaField
          name="description"
          label={t("threats.field.description")}
          value={values.description}
          error={errors.description}
          rows={8}
        />
        <div class="form-actions">
          <SubmitButton testid="threat-submit">{id ? t("threats.save") : t("threats.create")}</SubmitButton>
          <a class={buttonClass("secondary")} href={id ? `/threats/${id}` : "/threats"}>
            {t("threats.cancel")}
          </a>
        </div>
      </form>
    </>
  );
}
