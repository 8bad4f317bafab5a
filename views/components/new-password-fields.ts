import type { ViewContext } from "../../src/lib/context.ts";
import type { FieldSpec } from "./form-fields.tsx";

/**
 * A new password and its confirmation (described fields for `FormFields`), as the setup
 * and password-change forms ask for them; `label` names the first.
 */
export function newPasswordFields(view: ViewContext, label: string, minLength: number): FieldSpec[] {
  const { t } = view;
  return [
    {
      kind: "text",
      name: "password",
      type: "password",
      label,
      help: t("users.help.password", { min: minLength }),
      autocomplete: "new-password",
      required: true,
    },
    {
      kind: "text",
      name: "confirm",
      type: "password",
      label: t("setup.confirm"),
      autocomplete: "new-password",
      required: true,
    },
  ];
}
