/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../src/lib/context.ts";
import { FormActions } from "./form-actions.tsx";
import { Message } from "./message.tsx";
import type { RecordKind } from "./record-kind.ts";

/** Props of a record's create and edit form. */
export interface RecordFormProps {
  view: ViewContext;
  kind: RecordKind;
  /** Where the form posts: the list's path (create) or `:id/edit`. */
  action: string;
  /** Where Cancel leads. */
  cancel: string;
  /** A problem with the whole form (someone else changed the record meanwhile). */
  conflict?: string;
  /** The version edited; empty when creating. */
  version?: string;
  /** An extra class of the form. */
  class?: string;
  /** A note shown above the fields. */
  note?: Child;
  /** The fields. */
  children?: Child;
}

/**
 * The create and edit form of a record: the conflict message, the version edited (posted
 * back for the optimistic check), the fields, and Cancel with Create or Save.
 */
export function RecordForm({
  view,
  kind,
  action,
  cancel,
  conflict,
  version,
  note,
  children,
  ...rest
}: RecordFormProps) {
  const { t } = view;
  const editing = Boolean(version);
  return (
    <form
      method="post"
      action={action}
      class={rest.class ? `form panel ${rest.class}` : "form panel"}
      data-testid={`${kind.one}-form`}
      novalidate
    >
      {conflict ? (
        <Message view={view} kind="error" testid={`${kind.one}-conflict`}>
          {conflict}
        </Message>
      ) : null}
      {note}
      {editing ? <input type="hidden" name="version" value={version} /> : null}
      {children}
      <FormActions
        view={view}
        cancel={cancel}
        submit={editing ? t(`${kind.many}.save`) : t(`${kind.many}.create`)}
        testid={`${kind.one}-submit`}
      />
    </form>
  );
}
