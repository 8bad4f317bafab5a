import type { Hono } from "hono";
import { ASSET_DETAIL, RELATION_FIELD } from "../../../views/pages/assets/detail.tsx";
import { ASSET_FORM } from "../../../views/pages/assets/form.tsx";
import { ASSET_TABLE } from "../../../views/pages/assets/table.tsx";
import type { AppDeps } from "../../deps.ts";
import { peopleToChoose } from "../../kit/active-user.ts";
import { formErrors, readForm, refusalText } from "../../kit/forms.ts";
import { mayPost } from "../../kit/page-permission.ts";
import { can } from "../../kit/rbac.ts";
import { recordForm } from "../../kit/record-form-routes.tsx";
import { recordPages } from "../../kit/record-module-pages.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { Validation } from "../../lib/errors.ts";
import { redirectAfterPost } from "../../lib/htmx.tsx";
import { assetPatchSchema, newAssetSchema } from "./input.ts";
import { ASSET } from "./kind.ts";
import { addDependency, removeDependency } from "./relations.ts";
import { assetChoices, createAsset, deleteAsset, getAsset, listAssets, updateAsset } from "./service.ts";

/**
 * The asset pages, the CMDB (read: every role; write and dependencies: analysts and up;
 * delete: admins):
 * - GET  /cmdb                   the list (filters, sort, pages in the URL)
 * - GET  /cmdb/rows              its rows, for a live refresh (htmx)
 * - GET  /cmdb/new, POST /cmdb                 add one
 * - GET  /cmdb/:id                             an asset, its dependencies and dependents
 * - GET  /cmdb/:id/edit, POST /cmdb/:id/edit   edit against the version shown
 * - POST /cmdb/:id/delete
 * - POST /cmdb/:id/dependencies|dependents               add one (the other asset in the form)
 * - POST /cmdb/:id/dependencies|dependents/:otherId/remove
 */
export function assetsPages(deps: AppDeps): Hono<AppEnv> {
  const svc = { db: deps.database.db, bus: deps.bus };
  return recordPages(deps, {
    kind: ASSET,
    svc,
    list: {
      run: listAssets,
      table: ASSET_TABLE,
    },
    detail: {
      get: getAsset,
      page: ASSET_DETAIL,
      props: async (actor, asset) => ({
        choices: can(actor, "update", "assets") ? await assetChoices(svc, actor, [asset.id]) : [],
      }),
    },
    form: recordForm({
      load: getAsset,
      form: ASSET_FORM,
      props: async (actor, asset) => ({
        people: await peopleToChoose(svc.db, actor, "assets", asset?.ownerUserId),
      }),
      create: { schema: newAssetSchema, run: createAsset },
      update: { schema: assetPatchSchema, run: updateAsset },
    }),
    remove: deleteAsset,
    // Refused with 409 while others depend on it.
    removalRefused: true,
    routes: ({ router, facts, detail }) => {
      for (const kind of ["dependencies", "dependents"] as const) {
        /** The pair as stored: the asset that depends first, then the one it depends on. */
        const pair = (id: string, other: string): [string, string] =>
          kind === "dependencies" ? [id, other] : [other, id];

        router.post(`/cmdb/:id/${kind}`, mayPost("update", "assets"), async (c) => {
          const id = c.req.param("id");
          const value = (await readForm(c))[RELATION_FIELD[kind]] ?? "";
          try {
            if (!value)
              throw new Validation({ dependsOnId: c.get("view").t("assets.relations.chooseError") });
            await addDependency(svc, actorOf(c), ...pair(id, value), facts(c));
            return redirectAfterPost(c, `/cmdb/${id}?notice=related#${kind}-title`);
          } catch (error) {
            if (!(error instanceof Validation)) throw error;
            const { t } = c.get("view");
            const message = Object.values(formErrors(error, t))[0] ?? refusalText(error, t);
            return detail(c, id, { relation: { kind, value, error: message }, status: 422 });
          }
        });

        router.post(`/cmdb/:id/${kind}/:otherId/remove`, async (c) => {
          const id = c.req.param("id");
          await removeDependency(svc, actorOf(c), ...pair(id, c.req.param("otherId")), facts(c));
          return redirectAfterPost(c, `/cmdb/${id}?notice=unrelated#${kind}-title`);
        });
      }
    },
  });
}
