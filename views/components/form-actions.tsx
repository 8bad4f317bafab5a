/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../src/lib/context.ts";
import { buttonClass, SubmitButton, type SubmitButtonProps } from "./submit-button.tsx";

/** Props of a form's action row. */
export interface FormActionsProps {
  view: ViewContext;
  /** Where Cancel leads. */
  cancel: string;
  /** The submit button's label. */
  submit: string;
  /** The submit button's test id. */
  testid: string;
  variant?: SubmitButtonProps["variant"];
  /** More buttons after the submit button. */
  children?: Child;
}

/** The action row under a form: Cancel (a link back) and the submit button. */
export function FormActions({
  view,
  cancel,
  submit,
  testid,
  variant = "primary",
  children,
}: FormActionsProps) {
  return (
    <div class="form-actions">
      <a class={buttonClass("secondary")} href={cancel}>
        {view.t("common.cancel")}
      </a>
      <SubmitButton variant={variant} testid={testid}>
        {submit}
      </SubmitButton>
      {children}
    </div>
  );
}
