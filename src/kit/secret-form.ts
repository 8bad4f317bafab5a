import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { FormState } from "../../views/components/form-field.tsx";
import type { CreatedToken } from "../../views/pages/tokens/new-token.tsx";
import type { AppEnv } from "../lib/context.ts";
import { formErrors } from "./forms.ts";

/** What a page creating secrets shows again: the secret just created, or the form with its errors. */
export interface SecretFormState<V extends Record<string, string>> {
  created?: CreatedToken;
  form?: FormState<V>;
}

/**
 * The answer to a posted form that creates a secret: 201 showing it this once — no redirect, since
 * the secret exists only in this answer, and never cached, so a reload shows the list without it —
 * or 422 with the form again, keeping `values` and naming each problem.
 * `create` parses the form and creates the secret; whatever it throws becomes the form's errors.
 */
export async function answerSecretForm<V extends Record<string, string>>(
  c: Context<AppEnv>,
  values: V,
  show: (c: Context<AppEnv>, state: SecretFormState<V>, status: ContentfulStatusCode) => Promise<Response>,
  create: () => Promise<CreatedToken>,
): Promise<Response> {
  try {
    const created = await create();
    c.header("Cache-Control", "no-store");
    return show(c, { created: { name: created.name, token: created.token } }, 201);
  } catch (error) {
    return show(c, { form: { values, errors: formErrors(error, c.get("view").t) } }, 422);
  }
}
