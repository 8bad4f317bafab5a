/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ThreatPage } from "../../../views/pages/threats/detail.tsx";
import { ThreatForm, type ThreatFormValues } from "../../../views/pages/threats/form.tsx";
import { ImportPage, type ImportPageProps } from "../../../views/pages/threats/import.tsx";
import { ThreatsPage } from "../../../views/pages/threats/index.tsx";
import { THREAT_KIND } from "../../../views/pages/threats/kind.ts";
import { MatrixPage } from "../../../views/pages/threats/matrix.tsx";
import { TechniquePage } from "../../../views/pages/threats/technique.tsx";
import type { AppDeps } from "../../deps.ts";
import { formErrors, parseForm, readFilters, readForm, readFormFile } from "../../kit/forms.ts";
import { assertCan, can } from "../../kit/rbac.ts";
import { listPage, noticeReader } from "../../kit/record-pages.tsx";
import { recordRemovalRoutes } from "../../kit/record-removal-routes.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { AppError, type FieldErrors } from "../../lib/errors.ts";
import { redirectAfterPost, renderPage } from "../../lib/htmx.tsx";
import { requestFacts } from "../../lib/request-facts.ts";
import { techniqueList } from "../../lib/technique-ids.ts";
import { getTechnique } from "./catalog.ts";
import { applyParsedCatalog, previewAttackImport } from "./catalog-import.ts";
import { attackMatrix, matrixQuerySchema } from "./matrix.ts";
import { namedTechniquesRoutes } from "./named-pages.tsx";
import { PendingImports } from "./pending-imports.ts";
import { techniqueSightings } from "./sightings.ts";
import { newThreatSchema, threatPatchSchema, threatQuerySchema } from "./threat-input.ts";
import { findThreatView, getThreat, listThreats } from "./threat-queries.ts";
import { createThreat, deleteThreat, restoreThreat, updateThreat } from "./threat-service.ts";

/** Page paths this module serves (they light up in the navigation). */
export const THREATS_PATHS = ["/threats"];

/** Page routes that take a file: the ATT&CK import. */
export const THREATS_UPLOAD_PATHS = ["/threats/import"];

function formValues(form: Record<string, string>): ThreatFormValues {
  return {
    name: form.name ?? "",
    category: form.category ?? "",
    description: form.description ?? "",
    techniques: form.techniques ?? "",
    version: form.version ?? "",
  };
}

/**
 * The threat pages (read: every role; write: analysts and up; import: admins):
 * - GET  /threats                     the organisation's threats
 * - GET  /threats/matrix              the ATT&CK matrix coloured by alerts and incidents (?days=7|30|90)
 * - GET  /threats/techniques/:attack  a technique and the alerts and incidents naming it
 * - GET  /threats/import, POST /threats/import, POST /threats/import/apply   ATT&CK import: preview, then apply
 * - GET  /threats/new, POST /threats  record one
 * - GET  /threats?deleted=only       the deleted threats (admins), each with its restore button
 * - GET  /threats/:id, GET|POST /threats/:id/edit, POST /threats/:id/delete|restore
 * - POST /threats/named/:kind/:id     set the techniques an alert, incident or vulnerability names (named-pages.tsx)
 */
export function threatsPages(deps: AppDeps): Hono<AppEnv> {
  const svc = { db: deps.database.db, bus: deps.bus };
  const pending = new PendingImports();
  const router = new Hono<AppEnv>();
  const noticeOf = noticeReader("threats");
  const canImport = (c: Context<AppEnv>) => can(actorOf(c), "control", "threats");
  namedTechniquesRoutes(router, deps);

  router.get("/threats", (c) =>
    listPage(c, c.get("view").t("threats.title"), threatQuerySchema, async (filters) => {
      const actor = actorOf(c);
      return (
        <ThreatsPage
          view={c.get("view")}
          page={await listThreats(svc, actor, filters)}
          filters={filters}
          canCreate={can(actor, "create", "threats")}
          canImport={canImport(c)}
          canRestore={can(actor, "delete", "threats")}
          notice={noticeOf(c)}
        />
      );
    }),
  );

  router.get("/threats/matrix", async (c) => {
    const view = c.get("view");
    const { filters } = readFilters(matrixQuerySchema, c.req.query());
    const matrix = await attackMatrix(svc.db, actorOf(c), Number(filters.days));
    return renderPage(c, {
      title: view.t("threats.matrix.title"),
      content: <MatrixPage view={view} matrix={matrix} canImport={canImport(c)} />,
    });
  });

  router.get("/threats/techniques/:attackId", async (c) => {
    const technique = await getTechnique(svc.db, actorOf(c), c.req.param("attackId").toUpperCase());
    return renderPage(c, {
      title: `${technique.attackId} ${technique.name}`,
      content: (
        <TechniquePage
          view={c.get("view")}
          technique={technique}
          sightings={await techniqueSightings(svc.db, technique)}
        />
      ),
    });
  });

  const importPage = (
    c: Context<AppEnv>,
    state: Omit<ImportPageProps, "view">,
    status?: ContentfulStatusCode,
  ) =>
    renderPage(c, {
      title: c.get("view").t("threats.import.title"),
      status,
      content: <ImportPage view={c.get("view")} {...state} />,
    });

  router.get("/threats/import", (c) => {
    assertCan(actorOf(c), "control", "threats");
    return importPage(c, { preview: null, applied: null, error: null });
  });

  router.post("/threats/import", async (c) => {
    const actor = actorOf(c);
    assertCan(actor, "control", "threats");
    const file = await readFormFile(c, "bundle");
    if (!file)
      return importPage(
        c,
        { preview: null, applied: null, error: c.get("view").t("threats.import.noFile") },
        422,
      );
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      return importPage(
        c,
        { preview: null, applied: null, error: c.get("view").t("threats.import.notJson") },
        422,
      );
    }
    try {
      const { catalog, diff } = await previewAttackImport(svc, actor, body);
      const token = pending.put(catalog);
      return importPage(c, { preview: { diff, token, fileName: file.name }, applied: null, error: null });
    } catch (error) {
      if (error instanceof AppError && error.status === 422)
        return importPage(
          c,
          { preview: null, applied: null, error: Object.values(formErrors(error))[0] ?? error.title },
          422,
        );
      throw error;
    }
  });

  router.post("/threats/import/apply", async (c) => {
    const actor = actorOf(c);
    assertCan(actor, "control", "threats");
    const catalog = pending.take((await readForm(c)).token ?? "");
    if (!catalog)
      return importPage(
        c,
        { preview: null, applied: null, error: c.get("view").t("threats.import.expired") },
        409,
      );
    const applied = await applyParsedCatalog(svc, actor, catalog, requestFacts(c, deps.config));
    return importPage(c, { preview: null, applied, error: null });
  });

  const showForm = (
    c: Context<AppEnv>,
    id: string | null,
    values: ThreatFormValues,
    errors: FieldErrors = {},
  ) =>
    renderPage(c, {
      title: id ? c.get("view").t("threats.edit") : c.get("view").t("threats.new"),
      status: Object.keys(errors).length > 0 ? 422 : undefined,
      content: <ThreatForm view={c.get("view")} id={id} values={values} errors={errors} />,
    });

  router.get("/threats/new", (c) => {
    assertCan(actorOf(c), "create", "threats");
    return showForm(c, null, formValues({}));
  });

  router.post("/threats", async (c) => {
    const values = formValues(await readForm(c));
    try {
      const input = await parseForm(newThreatSchema, {
        ...values,
        techniques: techniqueList(values.techniques),
      });
      const threat = await createThreat(svc, actorOf(c), input, requestFacts(c, deps.config));
      return redirectAfterPost(c, `/threats/${threat.id}?notice=created`);
    } catch (error) {
      return showForm(c, null, values, formErrors(error));
    }
  });

  router.get("/threats/:id", async (c) => {
    const actor = actorOf(c);
    const threat = await getThreat(svc, actor, c.req.param("id"));
    return renderPage(c, {
      title: threat.name,
      content: (
        <ThreatPage
          view={c.get("view")}
          threat={threat}
          canEdit={can(actor, "update", "threats")}
          canDelete={can(actor, "delete", "threats")}
          notice={noticeOf(c)}
        />
      ),
    });
  });

  router.get("/threats/:id/edit", async (c) => {
    assertCan(actorOf(c), "update", "threats");
    const threat = await findThreatView(svc.db, c.req.param("id"));
    return showForm(c, threat.id, {
      name: threat.name,
      category: threat.category,
      description: threat.description,
      techniques: threat.techniques.map((x) => x.attackId).join(" "),
      version: String(threat.version),
    });
  });

  router.post("/threats/:id/edit", async (c) => {
    const id = c.req.param("id");
    const values = formValues(await readForm(c));
    try {
      const patch = await parseForm(threatPatchSchema, {
        ...values,
        version: Number(values.version) || undefined,
        techniques: techniqueList(values.techniques),
      });
      await updateThreat(svc, actorOf(c), id, patch, requestFacts(c, deps.config));
      return redirectAfterPost(c, `/threats/${id}?notice=saved`);
    } catch (error) {
      if (error instanceof AppError && error.status === 409)
        return showForm(c, id, values, { form: error.detail ?? error.title });
      return showForm(c, id, values, formErrors(error));
    }
  });

  recordRemovalRoutes(router, THREAT_KIND, {
    remove: (c, id) => deleteThreat(svc, actorOf(c), id, requestFacts(c, deps.config)),
    restore: (c, id) => restoreThreat(svc, actorOf(c), id, requestFacts(c, deps.config)),
  });

  return router;
}
