/** @jsxImportSource hono/jsx */

import type { AssetDetails, AssetRef } from "../../../src/modules/assets/service.ts";
import { FactsPanel, factBuilders } from "../../components/fact-list.tsx";
import { SelectField } from "../../components/form-field.tsx";
import { namedChoices } from "../../components/form-fields.tsx";
import { DescriptionPanel } from "../../components/markdown-panel.tsx";
import type { RecordDetailData, RecordDetailSpec } from "../../components/record-detail.tsx";
import { Panel } from "../../components/record-panels.tsx";
import { DateTime, RelativeTime } from "../../components/relative-time.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { buttonClass, SubmitButton } from "../../components/submit-button.tsx";
import { AssetStatusText, ManagedBadge, TagList } from "./badges.tsx";

/** The two directions of a dependency, as the page shows (in this order) and posts them. */
const RELATION_KINDS = ["dependencies", "dependents"] as const;

/** A direction of a dependency. */
export type RelationKind = (typeof RELATION_KINDS)[number];

/** The field each relation form posts: the other asset. */
export const RELATION_FIELD: Record<RelationKind, string> = {
  dependencies: "dependsOnId",
  dependents: "assetId",
};

/** What an asset's page reads besides the asset: the assets that can be picked in the relation forms (all but this one). */
export interface AssetChoices {
  choices: { id: string; name: string }[];
}

/** A refused relation change, shown again beside its form with what was picked. */
export interface RefusedRelation {
  relation: { kind: RelationKind; value: string; error: string };
}

function RelationPanel(
  props: RecordDetailData<AssetDetails, AssetChoices, RefusedRelation> & { direction: RelationKind },
) {
  const { view, record: asset, direction: kind, choices, canEdit = false } = props;
  const { relation } = props.state;
  const { t } = view;
  const items: AssetRef[] = asset[kind];
  const taken = new Set(items.map((i) => i.id));
  const offered = choices.filter((c) => !taken.has(c.id));
  const mine = relation?.kind === kind ? relation : undefined;
  return (
    <Panel
      title={
        <>
          {t(`assets.relations.${kind}`)} <span class="muted num">{items.length}</span>
        </>
      }
      id={`${kind}-title`}
      testid={`asset-${kind}`}
    >
      <p class="field-help panel-note">{t(`assets.relations.${kind}Help`)}</p>
      {items.length === 0 ? (
        <p class="muted">{t(`assets.relations.${kind}None`)}</p>
      ) : (
        <ul class="relation-list">
          {items.map((item) => (
            <li class="relation" data-testid={`relation-${item.id}`}>
              <div class="relation-name">
                <a href={`/cmdb/${item.id}`}>{item.name}</a>
                <span class="cell-sub">
                  {t(`assets.type.${item.assetType}`)} · <AssetStatusText view={view} status={item.status} />
                </span>
              </div>
              <SeverityBadge view={view} severity={item.criticality} />
              {canEdit ? (
                <form method="post" action={`/cmdb/${asset.id}/${kind}/${item.id}/remove`}>
                  <button
                    type="submit"
                    class={buttonClass("secondary", true)}
                    aria-label={t("assets.relations.removeLabel", { name: item.name })}
                  >
                    {t("assets.relations.remove")}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit && offered.length > 0 ? (
        <form method="post" action={`/cmdb/${asset.id}/${kind}`} class="relation-add">
          <SelectField
            name={RELATION_FIELD[kind]}
            id={`field-${kind}`}
            label={t(`assets.relations.${kind}Pick`)}
            value={mine?.value ?? ""}
            error={mine?.error}
            autofocus={Boolean(mine)}
            options={namedChoices([{ value: "", label: t("assets.relations.choose") }], offered)}
          />
          <SubmitButton variant="secondary" testid={`add-${kind}`}>
            {t(`assets.relations.${kind}Add`)}
          </SubmitButton>
        </form>
      ) : null}
    </Panel>
  );
}

/**
 * `/cmdb/:id`: an asset's facts (type, criticality, lifecycle, owner, host name, addresses,
 * OS, location, tags), its description, what it depends on and what depends on it (with
 * add and remove for analysts and up); edit, and delete for admins, in the title row.
 */
export const ASSET_DETAIL: RecordDetailSpec<AssetDetails, AssetChoices, RefusedRelation> = {
  head: ({ view: { t }, record: a }) => ({
    record: { id: a.id, title: a.name },
    titleTestid: "asset-name",
    deleteTitle: t("assets.deleteTitle", { name: a.name }),
    deleteBody:
      a.dependents.length > 0
        ? t("assets.deleteBlocked", { names: a.dependents.map((d) => d.name).join(", ") })
        : t("assets.deleteBody"),
  }),
  badges: ({ view, record: a }) => [
    <SeverityBadge view={view} severity={a.criticality} />,
    <AssetStatusText view={view} status={a.status} />,
    <span class="muted">{view.t(`assets.type.${a.assetType}`)}</span>,
    a.managedBy ? <ManagedBadge view={view} /> : null,
  ],
  main: (page) => [
    <DescriptionPanel view={page.view} kind={page.kind} markdown={page.record.description} />,
    ...RELATION_KINDS.map((direction) => <RelationPanel {...page} direction={direction} />),
  ],
  side: (page) => {
    const { view, record: a } = page;
    const { t, fact, meta, person } = factBuilders(page);
    return [
      <FactsPanel
        testid="asset-facts"
        facts={[
          person("owner", a.owner, "noOwner", "asset-owner"),
          fact("hostname", a.hostname ? <span class="mono break">{a.hostname}</span> : null, {
            testid: "asset-hostname",
          }),
          fact(
            "ipAddresses",
            a.ipAddresses.length > 0 ? (
              <ul class="asset-ips mono">
                {a.ipAddresses.map((ip) => (
                  <li>{ip}</li>
                ))}
              </ul>
            ) : null,
            { testid: "asset-ips" },
          ),
          fact("os", a.os),
          fact("location", a.location),
          fact("tags", a.tags.length > 0 ? <TagList tags={a.tags} /> : null, { testid: "asset-tags" }),
          meta("assets.updated", <RelativeTime view={view} ms={a.updatedAt} />),
          meta("assets.created", <DateTime view={view} ms={a.createdAt} />),
          meta("assets.version", a.version, { class: "num" }),
        ]}
      >
        {a.managedBy ? <p class="field-help asset-managed-note">{t("assets.managedNote")}</p> : null}
      </FactsPanel>,
    ];
  },
};
