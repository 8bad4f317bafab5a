/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import { AssetPage, RELATION_FIELD, type RelationKind } from "../../../views/pages/assets/detail.tsx";
import { AssetForm, type AssetFormValues } from "../../../views/pages/assets/form.tsx";
import { AssetsPage } from "../../../views/pages/assets/index.tsx";
import { ASSET_TABLE } from "../../../views/pages/assets/table.tsx";
import type { AppDeps } from "../../deps.ts";
import { formErrors, readForm, refusalText, typedValues } from "../../kit/forms.ts";
import { type DetailState, recordForm, recordPages } from "../../kit/record-module-pages.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { type FieldErrors, Validation } from "../../lib/errors.ts";
import { redirectAfterPost } from "../../lib/htmx.tsx";
import { assetPatchSchema, assetQuerySchema, newAssetSchema } from "./input.ts";
import { ASSET } from "./kind.ts";
import { addDependency, removeDependency } from "./relations.ts";
import {
  assetChoices,
  assetOwners,
  createAsset,
  deleteAsset,
  getAsset,
  listAssets,
  updateAsset,
} from "./service.ts";

const FIELDS = [
  "name",
  "assetType",
  "criticality",
  "status",
  "ownerUserId",
  "ownerText",
  "hostname",
  "ipAddresses",
  "os",
  "location",
  "tags",
  "description",
  "version",
] as const;

/** The form's values as typed. */
function formValues(form: Record<string, string>): AssetFormValues {
  return typedValues(form, FIELDS);
}

/** A dependency typed on the asset's page, and its problem. */
type AssetRelation = { kind: RelationKind; value: string; error: string };

/** A list typed as text: items separated by line breaks, spaces or commas. */
function listOf(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** The typed values as service input (the same zod schemas as the API parse it). */
function toInput(values: AssetFormValues) {
  return {
    name: values.name,
    assetType: values.assetType || undefined,
    criticality: values.criticality || undefined,
    status: values.status || undefined,
    ownerUserId: values.ownerUserId || null,
    ownerText: values.ownerText.trim() || null,
    hostname: values.hostname,
    ipAddresses: listOf(values.ipAddresses),
    os: values.os,
    location: values.location,
    tags: listOf(values.tags),
    description: values.description,
  };
}

/** The problems of a list item (`ipAddresses.2`) belong to the list's field. */
function byField(errors: FieldErrors): FieldErrors {
  const fields: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) fields[path.split(".")[0] as string] ??= message;
  return fields;
}

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
      offers: { restore: false },
      schema: assetQuerySchema,
      run: listAssets,
      table: ASSET_TABLE,
      page: AssetsPage,
      props: async () => ({}),
    },
    detail: {
      get: getAsset,
      title: (asset) => asset.name,
      content: async (c, asset, page, state: DetailState<{ relation: AssetRelation }>) => (
        <AssetPage
          {...page}
          asset={asset}
          choices={page.canEdit ? await assetChoices(svc, actorOf(c), [asset.id]) : []}
          relation={state.relation}
        />
      ),
    },
    form: recordForm({
      read: async (c) => ({ values: formValues(await readForm(c)) }),
      blank: () => ({ values: {} }),
      load: getAsset,
      current: (_c, a) => ({
        values: {
          name: a.name,
          assetType: a.assetType,
          criticality: a.criticality,
          status: a.status,
          ownerUserId: a.ownerUserId ?? "",
          ownerText: a.ownerText ?? "",
          hostname: a.hostname,
          ipAddresses: a.ipAddresses.join("\n"),
          os: a.os,
          location: a.location,
          tags: a.tags.join(" "),
          description: a.description,
          version: String(a.version),
        },
      }),
      input: (_c, { values }) => ({ input: toInput(values) }),
      create: { schema: newAssetSchema, run: createAsset },
      update: { schema: assetPatchSchema, run: updateAsset },
      errorsOf: (error, t) => byField(formErrors(error, t)),
      form: async (c, { state, record }) => (
        <AssetForm
          {...state}
          people={await assetOwners(svc, actorOf(c))}
          managed={record ? record.managedBy !== null : undefined}
        />
      ),
    }),
    remove: deleteAsset,
    // Refused with 409 while others depend on it.
    removalRefused: true,
    routes: ({ router, facts, detail }) => {
      for (const kind of ["dependencies", "dependents"] as const) {
        /** The pair as stored: the asset that depends first, then the one it depends on. */
        const pair = (id: string, other: string): [string, string] =>
          kind === "dependencies" ? [id, other] : [other, id];

        router.post(`/cmdb/:id/${kind}`, async (c) => {
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
