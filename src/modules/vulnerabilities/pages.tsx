/** @jsxImportSource hono/jsx */
import type { Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { VULNERABILITY_DETAIL } from "../../../views/pages/vulnerabilities/detail.tsx";
import { VULNERABILITY_FORM } from "../../../views/pages/vulnerabilities/form.tsx";
import {
  type ImportFormValues,
  ImportPage,
  type ImportPageProps,
} from "../../../views/pages/vulnerabilities/import.tsx";
import { VULNERABILITY_TABLE } from "../../../views/pages/vulnerabilities/table.tsx";
import type { AppDeps } from "../../deps.ts";
import { activePeopleFor, peopleToChoose } from "../../kit/active-user.ts";
import { readForm, readFormFile } from "../../kit/forms.ts";
import { mayPost } from "../../kit/page-permission.ts";
import { assertCan } from "../../kit/rbac.ts";
import { recordActions } from "../../kit/record-action-routes.tsx";
import { recordForm } from "../../kit/record-form-routes.tsx";
import { choicesWith } from "../../kit/record-lookup.ts";
import { recordPages } from "../../kit/record-module-pages.ts";
import { toLocalInput } from "../../kit/zoned-day.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { redirectAfterPost, renderPage } from "../../lib/htmx.tsx";
import type { MessageParams } from "../../lib/i18n.ts";
import { assetChoices } from "../assets/service.ts";
import { vulnerabilityDeps } from "./deps.ts";
import { IMPORT_FORMATS, ImportRefused, previewImport, runImport } from "./import.ts";
import { newVulnerabilitySchema, vulnerabilityPatchSchema, vulnerabilityStatusSchema } from "./input.ts";
import { VULNERABILITY } from "./kind.ts";
import { countOverdue, getVulnerability, listVulnerabilities } from "./queries.ts";
import * as service from "./service.ts";

/** An import's text and format from the form: an uploaded file wins over pasted text; `auto` looks at the name and text. */
async function importOf(c: Context<AppEnv>) {
  const form = await readForm(c);
  const file = await readFormFile(c, "file");
  const content = file ? await file.text() : (form.content ?? "");
  const chosen = IMPORT_FORMATS.find((f) => f === form.format) ?? "auto";
  const looksJson = file ? /\.json$/i.test(file.name) : /^\s*[[{]/.test(content);
  const format = chosen === "auto" ? (looksJson ? "json" : "csv") : chosen;
  const error = content.trim() === "" ? c.get("view").t("vulnerabilities.importPage.nothing") : null;
  return { format, content, error };
}

/**
 * The vulnerability pages (read: every role; write and import: analysts and up; delete/restore: admins):
 * - GET  /vulnerabilities                  the list (filters, sort, pages in the URL)
 * - GET  /vulnerabilities/rows             its rows, for a live refresh (htmx)
 * - GET  /vulnerabilities/new, POST /vulnerabilities                     record one
 * - GET  /vulnerabilities/import, POST /vulnerabilities/import/preview   check a file, row by row
 * - POST /vulnerabilities/import                                         import it, all or nothing
 * - GET  /vulnerabilities/:id                                            one, with rating, SLA and assets
 * - GET  /vulnerabilities/:id/edit, POST /vulnerabilities/:id/edit       edit against the version shown
 * - POST /vulnerabilities/:id/status|delete|restore
 */
export function vulnerabilitiesPages(deps: AppDeps): Hono<AppEnv> {
  const svc = vulnerabilityDeps(deps);

  const showImport = (
    c: Context<AppEnv>,
    values: ImportFormValues,
    { status, ...state }: Omit<ImportPageProps, "view" | "values"> & { status?: ContentfulStatusCode },
  ) =>
    renderPage(c, {
      title: c.get("view").t("vulnerabilities.importPage.title"),
      status,
      content: <ImportPage view={c.get("view")} values={values} {...state} />,
    });

  return recordPages(deps, {
    kind: VULNERABILITY,
    svc,
    // The import's redirect gives the number imported; anything else in the URL shows no notice.
    noticeParams: (c, name): MessageParams | null => {
      if (name !== "imported") return {};
      const count = c.req.query("count") ?? "";
      return /^\d{1,9}$/.test(count) ? { count: Number(count) } : null;
    },
    list: {
      run: listVulnerabilities,
      table: VULNERABILITY_TABLE,
      props: async (actor) => ({
        overdue: await countOverdue(svc, actor),
        assets: await assetChoices(svc, actor),
        people: await activePeopleFor(svc.db, actor, "vulnerabilities"),
      }),
    },
    detail: { get: getVulnerability, page: VULNERABILITY_DETAIL },
    form: recordForm({
      load: getVulnerability,
      form: VULNERABILITY_FORM,
      props: async (actor, record) => ({
        assets: choicesWith(await assetChoices(svc, actor), record?.assets ?? []),
        people: await peopleToChoose(svc.db, actor, "vulnerabilities", record?.assignedTo?.id),
      }),
      blank: (c) => ({ status: "open", discoveredAt: toLocalInput(Date.now(), c.get("view").fmt.timeZone) }),
      // The status moves by the record's workflow buttons.
      patch: (_c, { status: _status, ...fields }) => fields,
      create: { schema: newVulnerabilitySchema, run: service.createVulnerability },
      update: { schema: vulnerabilityPatchSchema, run: service.updateVulnerability },
    }),
    actions: recordActions({
      status: { schema: vulnerabilityStatusSchema, change: service.changeVulnerabilityStatus },
    }),
    remove: service.deleteVulnerability,
    restore: service.restoreVulnerability,
    routes: ({ router, facts }) => {
      router.get("/vulnerabilities/import", (c) => {
        assertCan(actorOf(c), "create", "vulnerabilities");
        return showImport(c, { format: "auto", content: "" }, {});
      });

      router.post("/vulnerabilities/import/preview", mayPost("create", "vulnerabilities"), async (c) => {
        const { error, ...values } = await importOf(c);
        if (error) return showImport(c, values, { error, status: 422 });
        return showImport(c, values, { report: await previewImport(svc, actorOf(c), values) });
      });

      router.post("/vulnerabilities/import", mayPost("create", "vulnerabilities"), async (c) => {
        const { error, ...values } = await importOf(c);
        if (error) return showImport(c, values, { error, status: 422 });
        try {
          const { imported } = await runImport(svc, actorOf(c), values, facts(c));
          return redirectAfterPost(c, `/vulnerabilities?notice=imported&count=${imported}`);
        } catch (refusal) {
          if (!(refusal instanceof ImportRefused)) throw refusal;
          return showImport(c, values, { report: refusal.report, refused: true, status: 422 });
        }
      });
    },
  });
}
