/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";

/** Props of a submit button. */
export interface SubmitButtonProps {
  children?: Child;
  variant?: "primary" | "secondary" | "danger";
  small?: boolean;
  testid?: string;
}

/** CSS classes of a button of this variant and size. */
export function buttonClass(variant: SubmitButtonProps["variant"] = "primary", small = false): string {
  return ["button", variant === "primary" ? "" : `is-${variant}`, small ? "is-small" : ""]
    .filter(Boolean)
    .join(" ");
}

/**
 * A form's submit button. While its request runs it shows a spinner and takes no second
 * click: public/js/app.js marks the pressed button `aria-busy` on submit, and clears it
 * when an htmx request ends.
 */
export function SubmitButton({ children, variant, small, testid }: SubmitButtonProps) {
  return (
    <button type="submit" class={buttonClass(variant, small)} data-testid={testid}>
      <span class="button-spinner" aria-hidden="true" />
      {children}
    </button>
  );
}
