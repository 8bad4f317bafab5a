/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { RecordKind } from "../../src/kit/record-kind.ts";
import type { ViewContext } from "../../src/lib/context.ts";
import { ConfirmAction } from "./confirm-action.tsx";
import { Message } from "./message.tsx";
import { PageHead } from "./page-head.tsx";
import { buttonClass } from "./submit-button.tsx";

/** What every record page is given besides its record: the viewer's rights, the notice and the error. */
export interface RecordPageState {
  view: ViewContext;
  /** The kind of record the page shows: its paths and message keys. */
  kind: RecordKind;
  /** Shows the edit link (records that are only acted on have none). */
  canEdit?: boolean;
  canDelete: boolean;
  notice: string | null;
  /** A failed action (a move someone else made first …). */
  error: string | null;
}

/** Props of a record page's head. */
export interface RecordHeadProps extends RecordPageState {
  /** The record: its id and title (or name). */
  record: { id: string; title: string };
  /** Test id of the title; `<one>-title` unless given. */
  titleTestid?: string;
  /** The line under the title (severity, status …). */
  children?: Child;
  /** Test id of the edit link, where tests look for it. */
  editTestid?: string;
  /** The delete dialog's question; `<many>.deleteTitle` with the title unless given. */
  deleteTitle?: string;
  /** The delete dialog's consequences; `<many>.deleteBody` unless given. */
  deleteBody?: string;
}

/**
 * The head of a record's page: a link back to the list, the title with its badges, edit
 * and (confirmed) delete; then the notice of what was just done and the error of what failed.
 */
export function RecordHead(props: RecordHeadProps) {
  const { view, kind } = props;
  const { id, title } = props.record;
  const { t } = view;
  const { one, many, path } = kind;
  return (
    <>
      <PageHead
        back={<a href={path}>{t(`${many}.title`)}</a>}
        title={title}
        titleTestid={props.titleTestid ?? `${one}-title`}
        below={props.children}
      >
        <div class="head-actions">
          {props.canEdit ? (
            <a class={buttonClass("secondary")} href={`${path}/${id}/edit`} data-testid={props.editTestid}>
              {t(`${many}.edit`)}
            </a>
          ) : null}
          {props.canDelete ? (
            <ConfirmAction
              view={view}
              id={`delete-${one}`}
              action={`${path}/${id}/delete`}
              trigger={t(`${many}.delete`)}
              title={props.deleteTitle ?? t(`${many}.deleteTitle`, { title })}
              body={props.deleteBody ?? t(`${many}.deleteBody`)}
              confirm={t(`${many}.delete`)}
            />
          ) : null}
        </div>
      </PageHead>
      <Message view={view} kind="success" testid={`${one}-notice`}>
        {props.notice}
      </Message>
      <Message view={view} kind="error" testid={`${one}-error`}>
        {props.error}
      </Message>
    </>
  );
}
