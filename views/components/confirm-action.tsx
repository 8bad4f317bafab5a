/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../src/lib/context.ts";
import { HiddenFields } from "./form-field.tsx";
import { buttonClass, SubmitButton } from "./submit-button.tsx";

/** Props of a confirmed action. */
export interface ConfirmActionProps {
  view: ViewContext;
  /** Unique on the page: the dialog's id and the prefix of its parts' ids. */
  id: string;
  /** Where the confirmed form posts. */
  action: string;
  /** Fixed values the form posts. */
  fields?: Record<string, string>;
  /** Label of the button (or link) that asks for confirmation. */
  trigger: string;
  /**
   * Without JavaScript, the trigger is a link here (a page with this dialog open) instead
   * of a button that posts at once; needed when the dialog holds fields to fill in.
   */
  triggerHref?: string;
  /** Where Cancel leads without JavaScript (when the dialog was opened by `triggerHref`). */
  cancelHref?: string;
  /** The question, naming exactly what will happen ("Deactivate alice?"). */
  title: string;
  /** The consequences, in a sentence or two. */
  body: string;
  /** Label of the confirming button; repeats the action and its object. */
  confirm: string;
  variant?: "danger" | "primary";
  /** Look of the trigger: by default danger for a danger action, else secondary. */
  triggerVariant?: "danger" | "secondary" | "primary";
  /** Render the dialog open (it has an error to show, or `triggerHref` was followed). */
  open?: boolean;
  /** Extra fields inside the dialog's form (a new password …). */
  children?: Child;
  testid?: string;
}

/**
 * A destructive action behind a <dialog> that names exactly what will happen. Alpine's
 * `dialogForm` component (public/js/app.js) opens it as a modal from the trigger; the
 * dialog's own form posts the action. Without JavaScript the trigger still works: it
 * posts directly, or follows `triggerHref` to a page where the dialog is open.
 */
export function ConfirmAction(props: ConfirmActionProps) {
  const { view, id } = props;
  const variant = props.variant ?? "danger";
  const triggerClass = buttonClass(
    props.triggerVariant ?? (variant === "danger" ? "danger" : "secondary"),
    true,
  );
  return (
    <div class="confirm-action" x-data="dialogForm" data-testid={props.testid}>
      {props.triggerHref ? (
        <a class={triggerClass} href={props.triggerHref} hx-boost="false" x-bind="opener">
          {props.trigger}
        </a>
      ) : (
        <form method="post" action={props.action}>
          <HiddenFields fields={props.fields} />
          <button type="submit" class={triggerClass} x-bind="opener">
            {props.trigger}
          </button>
        </form>
      )}
      <dialog
        class="dialog"
        id={id}
        x-ref="dialog"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        open={props.open}
      >
        <form method="post" action={props.action} class="dialog-form">
          <HiddenFields fields={props.fields} />
          <h2 id={`${id}-title`} class="dialog-title">
            {props.title}
          </h2>
          <p id={`${id}-body`} class="dialog-body">
            {props.body}
          </p>
          {props.children}
          <div class="dialog-actions">
            {props.cancelHref ? (
              <a class={buttonClass("secondary")} href={props.cancelHref} hx-boost="false" x-bind="closer">
                {view.t("common.cancel")}
              </a>
            ) : (
              <button type="button" class={buttonClass("secondary")} x-bind="closer">
                {view.t("common.cancel")}
              </button>
            )}
            <SubmitButton variant={variant} testid={`${id}-confirm`}>
              {props.confirm}
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </div>
  );
}
