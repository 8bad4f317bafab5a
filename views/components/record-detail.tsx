/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { RecordKind } from "../../src/kit/record-kind.ts";
import type { Refusal, TypedNote } from "../../src/kit/record-pages.tsx";
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

/** What answering a post on a record's page carries to it: a refusal, a note typed there, the module's own (`S`). */
export type RecordDetailState<S = object> = Partial<Refusal> & { note?: TypedNote } & Partial<S>;

/**
 * What a record's page is drawn from: the viewer's page state, the record, what the post
 * being answered left (`state`) and what the module read for the page (`P`).
 */
export type RecordDetailData<T, P = unknown, S = object> = RecordPageState & {
  record: T;
  state: RecordDetailState<S>;
} & P;

/** The head of a record's page: the record's id and title, and where it differs from the kind's defaults. */
type RecordDetailHead = Pick<RecordHeadProps, "record"> &
  Partial<Omit<RecordHeadProps, keyof RecordPageState | "record" | "children">> & { canEdit?: boolean };

/**
 * A record's page declared once (`views/pages/<module>/detail.tsx`): its head, then a main
 * column and a side column, each the list of panels the module gives, drawn from the record,
 * the viewer's page state and what the module read for each request (`P`, `props` of
 * `recordPages`). `S` is what the module's own posts leave to show again (a refused pick …).
 */
export interface RecordDetailSpec<T, P = unknown, S = object> {
  /** The page's title; the head's unless given. */
  title?: (record: T) => string;
  head: (page: RecordDetailData<T, P, S>) => RecordDetailHead;
  /** The line under the title, in order: severity, status and other badges (a null is left out). */
  badges: (page: RecordDetailData<T, P, S>) => Child[];
  /** Shown between the head and the columns (a request to acknowledge …). */
  lead?: (page: RecordDetailData<T, P, S>) => Child;
  /** The main column's panels, in order: description, timeline, the module's own. */
  main: (page: RecordDetailData<T, P, S>) => Child[];
  /** The side column's panels, in order: workflow, actions, facts (`FactsPanel`), related records. */
  side: (page: RecordDetailData<T, P, S>) => Child[];
  /** Shown after the columns. */
  after?: (page: RecordDetailData<T, P, S>) => Child;
  /** The columns' class prefix (`incident-layout`, `incident-main` …); `incident` unless given. */
  layout?: "incident" | "vuln";
  /** An extra class of the main column. */
  mainClass?: string;
}

/**
 * A record's page: its head (title and the badges under it, edit and delete, the notice and
 * the error), then the declared main and side columns. The kit's record pages draw it for
 * every record module.
 */
export function RecordDetail<T, P, S>(
  props: RecordDetailData<T, P, S> & { spec: RecordDetailSpec<T, P, S> },
) {
  const { spec } = props;
  const { layout = "incident", mainClass } = spec;
  return (
    <>
      <RecordHead {...props} {...spec.head(props)}>
        <p class="page-sub record-badges">{spec.badges(props)}</p>
      </RecordHead>
      {spec.lead?.(props)}
      <div class={`${layout}-layout`}>
        <div class={mainClass ? `${layout}-main ${mainClass}` : `${layout}-main`}>{spec.main(props)}</div>
        <aside class={`${layout}-side`}>{spec.side(props)}</aside>
      </div>
      {spec.after?.(props)}
    </>
  );
}

/** Props of a record page's head. */
interface RecordHeadProps extends RecordPageState {
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
function RecordHead(props: RecordHeadProps) {
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
