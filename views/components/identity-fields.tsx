/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";
import type { FieldSpec } from "./form-fields.tsx";

/**
 * Email, username and display name of an account, as the setup and create-user forms ask
 * for them (described fields for `FormFields`). `self`: the person fills in their own
 * account (browser autofill helps); `other`: an admin creates someone else's.
 */
export function identityFields(view: ViewContext, whose: "self" | "other"): FieldSpec[] {
  const { t } = view;
  const auto = (own: string) => (whose === "self" ? own : "off");
  return [
    {
      kind: "text",
      name: "email",
      type: "email",
      label: t("users.field.email"),
      autocomplete: auto("email"),
      required: true,
    },
    {
      kind: "text",
      name: "username",
      label: t("users.field.username"),
      help: t("users.help.username"),
      autocomplete: auto("username"),
      spellcheck: false,
      required: true,
    },
    {
      kind: "text",
      name: "displayName",
      label: t("users.field.displayName"),
      help: t("users.help.displayName"),
      autocomplete: auto("name"),
    },
  ];
}
