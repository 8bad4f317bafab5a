/**
 * Helpers of the page tests: form posts the way a browser sends them (same-origin
 * `Origin` header, url-encoded body), a signed-in browser session built from the sign-in
 * form's cookies, and small readers of the HTML answers.
 */
import { expect } from "bun:test";
import type { Role } from "../../src/db/schema/users.ts";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { jsonInit, TEST_PASSWORD, type TestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";

/** The origin `app.request` uses; the CSRF check wants form posts to come from it. */
export const ORIGIN = "http://localhost";

/** A url-encoded form post from our own origin. */
export function formInit(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, ...headers },
    body: new URLSearchParams(fields),
  };
}

/**
 * A form post from our own origin as the seeded user with `role` (a bearer token, as
 * {@link TestApp.as} sends it), or anonymously with `null`.
 */
export function postForm(
  t: TestApp,
  role: Role | null,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return t.as(role, path, formInit(fields, headers));
}

/**
 * Posts a record kind's create form at `path` (e.g. `/incidents`) as an analyst: expects a
 * 303 to the new record's page with `?notice=created`; answers that location and the page
 * as a viewer then sees it.
 */
export async function createFromForm(
  t: TestApp,
  path: string,
  fields: Record<string, string>,
): Promise<{ location: string; page: string }> {
  const res = await withStatus(postForm(t, "analyst", path, fields), 303);
  const location = res.headers.get("Location") ?? "";
  expect(location).toMatch(new RegExp(`^${path}/[\\w-]+\\?notice=created$`));
  return { location, page: await (await t.as("viewer", location)).text() };
}

/**
 * Posts `fields` to the form at `path` as an analyst: expects 422 with a <main> region that
 * shows each of `shows` (the problems beside their fields and what was typed); answers that region.
 */
export async function refusedForm(
  t: TestApp,
  path: string,
  fields: Record<string, string>,
  shows: string[],
): Promise<string> {
  const main = mainOf(await textWithStatus(postForm(t, "analyst", path, fields), 422));
  expectContains(main, shows);
  return main;
}

/**
 * Expects `answer`, an edit form posted against an outdated version, to be refused with 409
 * saying someone else changed the record, the form keeping the typed `value`.
 */
export async function expectStaleEdit(answer: Promise<Response>, value: string): Promise<void> {
  expectContains(await textWithStatus(answer, 409), ["changed by someone else", `value="${value}"`]);
}

/**
 * The edit race of a record form: someone saves `change` through the API at `api` (version 1
 * → 2), so the edit form at `path` shows version 2; `typed` posted there at version 1 is
 * refused (see {@link expectStaleEdit}), keeping `kept`. Answers the form's page.
 */
export async function expectEditRace(
  t: TestApp,
  record: { api: string; path: string; change: Record<string, unknown> },
  typed: Record<string, string>,
  kept: string,
): Promise<string> {
  await withStatus(t.as("analyst", record.api, jsonInit({ version: 1, ...record.change }, "PATCH")), 200);
  const form = await textWithStatus(t.as("manager", record.path), 200);
  expect(form).toContain('name="version" value="2"');
  await expectStaleEdit(postForm(t, "manager", record.path, { ...typed, version: "1" }), kept);
  return form;
}

/** A record page's workflow form: posts `status` against the record's `version` to `path`. */
export function postMove(
  t: TestApp,
  role: Role,
  path: string,
  status: string,
  version: string,
): Promise<Response> {
  return postForm(t, role, path, { status, version });
}

/** Posts a status move that must be refused (409) and reads the page that says why. */
export function refusedMove(
  t: TestApp,
  role: Role,
  path: string,
  status: string,
  version: string,
): Promise<string> {
  return textWithStatus(postMove(t, role, path, status, version), 409);
}

/** Posts a status move at an outdated `version`: refused (409) with a page saying someone else changed it. */
export async function expectStaleMove(t: TestApp, role: Role, path: string, status: string, version: string) {
  expect(await refusedMove(t, role, path, status, version)).toContain("changed by someone else");
}

/**
 * A record deleted and restored from its pages: `refusedRole` gets 403; an admin's delete
 * leads to the list at `list` and the list of deleted ones offers the restore, which leads
 * back to the record at `<list>/<id>`.
 */
export async function expectPagesDeleteRestore(t: TestApp, list: string, id: string, refusedRole: Role) {
  expect((await postForm(t, refusedRole, `${list}/${id}/delete`, {})).status).toBe(403);
  const deleted = await postForm(t, "admin", `${list}/${id}/delete`, {});
  expect(deleted.headers.get("Location")).toBe(`${list}?notice=deleted`);
  expect(await (await t.as("admin", `${list}?deleted=only`)).text()).toContain(`data-testid="restore-${id}"`);
  const restored = await postForm(t, "admin", `${list}/${id}/restore`, {});
  expect(restored.headers.get("Location")).toBe(`${list}/${id}?notice=restored`);
}

/** Headers htmx sends for a boosted request swapping #main. */
export const HTMX_PARTIAL = { "HX-Request": "true", "HX-Request-Type": "partial" } as const;

/**
 * Asks `path` as htmx's boosted request for #main (as `role`): expects 200 with only the
 * title and the main region, no `<html>`, the title being `<title> · Warden`; answers it.
 */
export async function partialOf(t: TestApp, role: Role, path: string, title: string): Promise<string> {
  const html = await textWithStatus(t.as(role, path, { headers: HTMX_PARTIAL }), 200);
  expect(html).not.toContain("<html");
  expect(html).toStartWith(`<title>${title} · Warden</title><main id="main"`);
  return html;
}

/**
 * The rows fragment of the list at `list` for `query`, as htmx asks for it (as the viewer):
 * expects the list's own address with that query in HX-Replace-Url; answers the fragment.
 */
export async function rowsOf(t: TestApp, list: string, query: string): Promise<string> {
  const rows = await t.as("viewer", `${list}/rows?${query}`, { headers: { "HX-Request": "true" } });
  expect(rows.headers.get("HX-Replace-Url")).toBe(`${list}?${query}`);
  return rows.text();
}

/** `name=value` pairs of the Set-Cookie headers of `res`, as a Cookie header. */
export function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}

/** A browser session: requests carry its cookies (no bearer token). */
export interface BrowserSession {
  cookie: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, fields: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
}

/** Signs in through the sign-in form and returns a session using the cookies it set. */
export async function signIn(
  t: TestApp,
  login: Role | string,
  password = TEST_PASSWORD,
): Promise<BrowserSession> {
  const res = await t.app.request("/login", formInit({ login, password }));
  if (res.status !== 303) throw new Error(`sign-in as ${login} failed with ${res.status}`);
  const cookie = cookiesOf(res);
  return {
    cookie,
    get: async (path, headers = {}) => t.app.request(path, { headers: { Cookie: cookie, ...headers } }),
    post: async (path, fields, headers = {}) =>
      t.app.request(path, formInit(fields, { Cookie: cookie, ...headers })),
  };
}

/** The <main> region of a page (what a partial swap replaces). */
export function mainOf(html: string): string {
  const match = /<main id="main"[^>]*>([\s\S]*)<\/main>/.exec(html);
  if (!match) throw new Error('no <main id="main"> in the page');
  return match[1] as string;
}

/** The table row with `data-testid="<testid>"`. */
export function rowOf(html: string, testid: string): string {
  const match = new RegExp(`<tr data-testid="${testid}">([\\s\\S]*?)</tr>`).exec(html);
  if (!match) throw new Error(`no row ${testid}`);
  return match[1] as string;
}

/** The <nav id="nav"> of a page (the sidebar's navigation). */
export function navOf(html: string): string {
  return /<nav id="nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "";
}

/** Text of an HTML attribute or element as the browser reads it (the escapes the views write undone). */
function unescapeHtml(text: string): string {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
}

/**
 * What a browser posts from the form with `action` in `html`, untouched: each named input's
 * value (a checkbox only when checked), each textarea's text, each select's chosen options
 * (the first when none is marked, none of a multiple select).
 */
export async function formFieldsOf(html: string, action: string): Promise<[string, string][]> {
  const pairs: [string, string][] = [];
  const scope = `form[action="${action}"]`;
  let select: { name: string; multiple: boolean; chosen: string[]; first: string | null } | null = null;
  let textarea = "";
  await new HTMLRewriter()
    .on(`${scope} input[name]`, {
      element(el) {
        const type = el.getAttribute("type") ?? "text";
        if (type === "submit" || type === "button") return;
        if ((type === "checkbox" || type === "radio") && !el.hasAttribute("checked")) return;
        pairs.push([el.getAttribute("name") ?? "", unescapeHtml(el.getAttribute("value") ?? "")]);
      },
    })
    .on(`${scope} textarea[name]`, {
      element(el) {
        textarea = "";
        const name = el.getAttribute("name") ?? "";
        el.onEndTag(() => {
          pairs.push([name, unescapeHtml(textarea)]);
        });
      },
      text(chunk) {
        textarea += chunk.text;
      },
    })
    .on(`${scope} select[name]`, {
      element(el) {
        const current = {
          name: el.getAttribute("name") ?? "",
          multiple: el.hasAttribute("multiple"),
          chosen: [] as string[],
          first: null as string | null,
        };
        select = current;
        el.onEndTag(() => {
          const values =
            current.chosen.length > 0 || current.multiple ? current.chosen : [current.first ?? ""];
          for (const value of values) pairs.push([current.name, value]);
          select = null;
        });
      },
    })
    .on(`${scope} option`, {
      element(el) {
        const current = select as { chosen: string[]; first: string | null } | null;
        if (!current) return;
        const value = unescapeHtml(el.getAttribute("value") ?? "");
        current.first ??= value;
        if (el.hasAttribute("selected")) current.chosen.push(value);
      },
    })
    .transform(new Response(html))
    .text();
  return pairs;
}

/**
 * Opens the form page at `path` as `role` and posts its form back to `path` the way a browser
 * does, with only the fields of `change` typed over: what a user who edits nothing else sends.
 */
export async function postShownForm(
  t: TestApp,
  role: Role,
  path: string,
  change: Record<string, string>,
): Promise<Response> {
  const html = await textWithStatus(t.as(role, path), 200);
  const pairs = (await formFieldsOf(html, path)).map(([name, value]): [string, string] => [
    name,
    change[name] ?? value,
  ]);
  const init = formInit({}, {});
  return t.as(role, path, { ...init, body: new URLSearchParams(pairs) });
}
