/** @jsxImportSource hono/jsx */
import type { Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ImportPage, type ImportPageProps } from "../../../views/pages/threats/import.tsx";
import { MatrixPage } from "../../../views/pages/threats/matrix.tsx";
import { TechniquePage } from "../../../views/pages/threats/technique.tsx";
import type { RequestFacts } from "../../kit/audit.ts";
import { formErrors, readFilters, readForm, readFormFile, refusalText } from "../../kit/forms.ts";
import { assertCan, can } from "../../kit/rbac.ts";
import type { RecordEventDeps } from "../../kit/record-events.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { AppError } from "../../lib/errors.ts";
import { renderPage } from "../../lib/htmx.tsx";
import { getTechnique } from "./catalog.ts";
import { applyParsedCatalog, previewAttackImport } from "./catalog-import.ts";
import { attackMatrix, matrixQuerySchema } from "./matrix.ts";
import { techniqueSightings } from "./sightings.ts";
import type { ParsedCatalog } from "./stix-bundle.ts";

/**
 * The ATT&CK catalog's pages, registered on `router` before the threats' `/threats/:id`:
 * - GET  /threats/matrix              the ATT&CK matrix coloured by alerts and incidents (?days=7|30|90)
 * - GET  /threats/techniques/:attack  a technique and the alerts and incidents naming it
 * - GET  /threats/import, POST /threats/import, POST /threats/import/apply   ATT&CK import (admins): preview, then apply
 */
export function catalogPages(
  router: Hono<AppEnv>,
  svc: RecordEventDeps,
  facts: (c: Context<AppEnv>) => RequestFacts,
): void {
  const pending = new PendingImports();

  router.get("/threats/matrix", async (c) => {
    const view = c.get("view");
    const { filters } = readFilters(matrixQuerySchema, c.req.query());
    const matrix = await attackMatrix(svc.db, actorOf(c), Number(filters.days));
    return renderPage(c, {
      title: view.t("threats.matrix.title"),
      // Importing ATT&CK is for admins: `control` on threats.
      content: <MatrixPage view={view} matrix={matrix} canImport={can(actorOf(c), "control", "threats")} />,
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
  const refusal = (c: Context<AppEnv>, error: string, status: ContentfulStatusCode = 422) =>
    importPage(c, { preview: null, applied: null, error }, status);

  router.get("/threats/import", (c) => {
    assertCan(actorOf(c), "control", "threats");
    return importPage(c, { preview: null, applied: null, error: null });
  });

  router.post("/threats/import", async (c) => {
    const actor = actorOf(c);
    assertCan(actor, "control", "threats");
    const { t } = c.get("view");
    const file = await readFormFile(c, "bundle");
    if (!file) return refusal(c, t("threats.import.noFile"));
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      return refusal(c, t("threats.import.notJson"));
    }
    try {
      const { catalog, diff } = await previewAttackImport(svc, actor, body);
      const token = pending.put(catalog);
      return importPage(c, { preview: { diff, token, fileName: file.name }, applied: null, error: null });
    } catch (error) {
      if (error instanceof AppError && error.status === 422)
        return refusal(c, Object.values(formErrors(error, t))[0] ?? refusalText(error, t));
      throw error;
    }
  });

  router.post("/threats/import/apply", async (c) => {
    const actor = actorOf(c);
    assertCan(actor, "control", "threats");
    const catalog = pending.take((await readForm(c)).token ?? "");
    if (!catalog) return refusal(c, c.get("view").t("threats.import.expired"), 409);
    const applied = await applyParsedCatalog(svc, actor, catalog, facts(c));
    return importPage(c, { preview: null, applied, error: null });
  });
}

/** How long a previewed bundle waits to be applied. */
const TTL_MS = 15 * 60_000;

/** The most previews kept at once (a parsed full bundle weighs tens of MB). */
const MAX_PENDING = 2;

/**
 * Bundles an admin previewed in the browser, kept parsed until applied (a file input cannot
 * be sent again by the page), each under a random token, for a short while.
 */
class PendingImports {
  readonly #pending = new Map<string, { catalog: ParsedCatalog; expires: number }>();

  /** Keeps `catalog` and answers the token that applies it. */
  put(catalog: ParsedCatalog, now = Date.now()): string {
    this.#sweep(now);
    while (this.#pending.size >= MAX_PENDING) {
      const oldest = this.#pending.keys().next().value;
      if (oldest === undefined) break;
      this.#pending.delete(oldest);
    }
    const token = Bun.randomUUIDv7();
    this.#pending.set(token, { catalog, expires: now + TTL_MS });
    return token;
  }

  /** Takes the catalog kept under `token` (once), or null when unknown or expired. */
  take(token: string, now = Date.now()): ParsedCatalog | null {
    this.#sweep(now);
    const entry = this.#pending.get(token);
    this.#pending.delete(token);
    return entry?.catalog ?? null;
  }

  #sweep(now: number): void {
    for (const [token, entry] of this.#pending) if (entry.expires <= now) this.#pending.delete(token);
  }
}
