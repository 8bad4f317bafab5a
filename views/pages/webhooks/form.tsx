/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import { WEBHOOK_EVENTS } from "../../../src/modules/webhooks/events.ts";
import { CheckGroup } from "../../components/check-group.tsx";
import { type FormState, firstInvalid, TextField } from "../../components/form-field.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";

/** What the webhook form holds, as typed; the chosen events come apart, as a list. */
export interface WebhookFormValues extends Record<string, string> {
  name: string;
  url: string;
  /** New webhooks: required (a random one is offered); edits: blank keeps the current one. */
  secret: string;
  /** `on` when enabled. */
  enabled: string;
}

const FIELDS = ["name", "url", "secret", "events"] as const;

/** Props of the webhook form. */
export interface WebhookFormProps {
  view: ViewContext;
  form: FormState<WebhookFormValues>;
  events: readonly string[];
  action: string;
  /** Editing: the secret may be left blank, and its last characters are shown. */
  secretHint?: string;
  testid: string;
}

/** Add or change a webhook: name, URL, signing secret, events, enabled. */
export function WebhookForm({ view, form, events, action, secretHint, testid }: WebhookFormProps) {
  const { t } = view;
  const { values, errors } = form;
  const focus = firstInvalid(errors, FIELDS);
  return (
    <form method="post" action={action} class="form panel" data-testid={testid}>
      <h2 class="panel-title">{t(secretHint ? "webhooks.editTitle" : "webhooks.createTitle")}</h2>
      <div class="form-grid">
        <TextField
          name="name"
          label={t("webhooks.field.name")}
          value={values.name}
          error={errors.name}
          required
          maxlength={100}
          autocomplete="off"
          autofocus={focus === "name"}
        />
        <TextField
          name="url"
          label={t("webhooks.field.url")}
          value={values.url}
          error={errors.url}
          help={t("webhooks.field.urlHelp")}
          placeholder="https://siem.example.org/hooks/warden"
          required
          maxlength={2000}
          spellcheck={false}
          autocomplete="off"
          autofocus={focus === "url"}
        />
        <TextField
          name="secret"
          label={t("webhooks.field.secret")}
          value={values.secret}
          error={errors.secret}
          help={
            secretHint ? t("webhooks.field.secretKeep", { hint: secretHint }) : t("webhooks.field.secretHelp")
          }
          required={!secretHint}
          maxlength={200}
          spellcheck={false}
          autocomplete="off"
          autofocus={focus === "secret"}
        />
      </div>
      <CheckGroup
        legend={t("webhooks.field.events")}
        name="events"
        options={WEBHOOK_EVENTS.map((event) => ({ value: event, label: event }))}
        checked={events}
        error={errors.events}
        mono
      />
      <label class="check-label">
        <input type="checkbox" name="enabled" checked={values.enabled === "on"} />
        {t("webhooks.field.enabled")}
      </label>
      <div class="form-actions">
        <SubmitButton testid={`${testid}-submit`}>
          {t(secretHint ? "webhooks.save" : "webhooks.create")}
        </SubmitButton>
      </div>
    </form>
  );
}
