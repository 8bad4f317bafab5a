/**
 * The browser tests every record module shares, as data ({@link testRecordPages}): the
 * refused new form, a walk through the pages, and a list that refreshes by itself, plus
 * the steps the walks repeat (submitting a record's form).
 */
import { describe } from "bun:test";
import type { Page } from "playwright-core";
import { allowRefusedForm, type E2eEnvironment, type PageSession, type WardenServer } from "./helpers.ts";

/** Submits the open form of a new record of `kind` (test id `<kind>-submit`) and waits for the new record's notice (`<kind>-notice`). */
export async function submitRecord(page: Page, kind: string): Promise<void> {
  await page.getByTestId(`${kind}-submit`).click();
  await page.getByTestId(`${kind}-notice`).waitFor();
}

/** Submits the open edit form of a record of `kind` and waits for the page saying the changes were saved. */
export async function saveRecord(page: Page, kind: string): Promise<void> {
  await page.getByTestId(`${kind}-submit`).click();
  await page.getByText("Changes saved.").waitFor();
}

/** A record list {@link expectListRefreshes} watches, and how to add a record to it. */
export interface LiveList {
  /** The list's path, e.g. `/cmdb`; its form is at `<path>/new`. */
  path: string;
  /** The record kind of the test ids: `<kind>s-table`, `<kind>-submit`, `<kind>-notice`. */
  kind: string;
  /** The new record's name, which the list must come to show. */
  name: string;
  /** Fills the form (in the other tab) for a record named `name`. */
  fill(form: Page, name: string): Promise<void>;
}

/**
 * Opens the list in the session's page, adds a record from the form in a second tab of the
 * same context, and waits (5 s at most) for the first page to show it without a reload.
 */
export async function expectListRefreshes(
  { page, context }: PageSession,
  server: WardenServer,
  list: LiveList,
): Promise<void> {
  await page.goto(`${server.url}${list.path}`);
  await page.getByTestId(`${list.kind}s-table`).waitFor();
  await page.waitForTimeout(500);
  const other = await context.newPage();
  await other.goto(`${server.url}${list.path}/new`);
  await list.fill(other, list.name);
  await submitRecord(other, list.kind);
  await page.getByText(list.name).waitFor({ timeout: 5000 });
}

/** A record module's browser tests, as data. */
export interface RecordPagesE2e {
  /** The list's path (`/cmdb`) and the record kind of its test ids (`asset`). */
  path: string;
  kind: string;
  /** The new form, refused first: the message beside a field, after what `fill` types. */
  refused: { message: string; fill?: (page: Page) => Promise<void> };
  /** The walk through the pages after that refusal, signed in as {@link E2E_ADMIN}, within `timeout` ms. */
  walk: { name: string; timeout: number; body: (session: PageSession) => Promise<void> };
  /**
   * The test that an open list shows a record someone else adds: named `record` and the time,
   * typed into the field labelled exactly `label`, with the `choose` choice made in its select.
   */
  live: { name: string; record: string; label: string; choose: [label: string, value: string] };
}

/** Registers a record module's browser tests (in `describe("<kind>s")`): its walk and its live list. */
export function testRecordPages(e2e: E2eEnvironment, spec: RecordPagesE2e): void {
  const { path, kind, walk, live } = spec;
  describe(`${kind}s`, () => {
    e2e.test(
      walk.name,
      async (session) => {
        await expectFormRefused(session.page, e2e.server, { path, kind, ...spec.refused });
        await walk.body(session);
      },
      { allowProblem: allowRefusedForm, timeout: walk.timeout },
    );
    const [select, value] = live.choose;
    const fill = async (form: Page, name: string) => {
      await form.getByLabel(live.label, { exact: true }).fill(name);
      await form.getByLabel(select).selectOption(value);
    };
    const name = `${live.record} ${Date.now()}`;
    e2e.test(live.name, (session) => expectListRefreshes(session, e2e.server, { path, kind, name, fill }), {
      timeout: 30_000,
    });
  });
}

/**
 * Opens the new-record form from the list at `path` (the test ids `new-<kind>`, `<kind>-form`,
 * `<kind>-submit`), fills what `fill` types (nothing unless given), submits it and waits for
 * the refusal `message` beside a field.
 */
export async function expectFormRefused(
  page: Page,
  server: WardenServer,
  form: { path: string; kind: string; message: string; fill?: (page: Page) => Promise<void> },
): Promise<void> {
  await page.goto(`${server.url}${form.path}`);
  await page.getByTestId(`new-${form.kind}`).click();
  await page.getByTestId(`${form.kind}-form`).waitFor();
  await form.fill?.(page);
  await page.getByTestId(`${form.kind}-submit`).click();
  await page.getByText(form.message).waitFor();
}
