/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { FormState } from "../../views/components/form-field.tsx";
import { PageHead } from "../../views/components/page-head.tsx";
import type { AppEnv } from "../lib/context.ts";
import { AppError, type FieldErrors } from "../lib/errors.ts";
import { redirectAfterPost, renderPage } from "../lib/htmx.tsx";
import type { Translate } from "../lib/i18n.ts";
import { formErrors, refusalText } from "./forms.ts";

/*
 * A record's form page (new and edit): the page around the form, and a submission that
 * either goes on or shows the form again with what was typed.
 */

/** The form page of a record: `title` under a link back to its list, then the form. */
export function formPage(
  c: Context<AppEnv>,
  page: { title: string; list: { href: string; label: string }; status?: ContentfulStatusCode },
  form: Child,
): Response | Promise<Response> {
  return renderPage(c, {
    title: page.title,
    status: page.status,
    content: (
      <>
        <PageHead back={<a href={page.list.href}>{page.list.label}</a>} title={page.title} />
        {form}
      </>
    ),
  });
}

/** A posted record form: what was typed, how to save it and how to show the form again. */
export interface FormSubmission<V extends Record<string, string>> {
  values: V;
  /** Saves; answers where the browser goes next. */
  save: () => Promise<string>;
  /** The form again, with the field errors or (409) the message of a conflict. */
  show: (form: FormState<V>, status: ContentfulStatusCode, conflict?: string) => Response | Promise<Response>;
  /** The field errors of a refused save (default: `formErrors`; anything but a validation error goes on). */
  errorsOf?: (error: unknown, t: Translate) => FieldErrors;
  /** An edit against a version: a 409 (changed since) shows the form again as typed, with the message. */
  versioned?: boolean;
}

/** Saves a posted form and redirects, or shows the form again: 422 with the field errors, 409 for a stale edit. */
export async function submitForm<V extends Record<string, string>>(
  c: Context<AppEnv>,
  submission: FormSubmission<V>,
): Promise<Response> {
  const { values, show } = submission;
  try {
    return redirectAfterPost(c, await submission.save());
  } catch (error) {
    // Keep what was typed; the message says the record changed and how to go on.
    if (submission.versioned && error instanceof AppError && error.status === 409)
      return show({ values, errors: {} }, 409, refusalText(error, c.get("view").t));
    return show({ values, errors: (submission.errorsOf ?? formErrors)(error, c.get("view").t) }, 422);
  }
}
