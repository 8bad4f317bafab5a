/** @jsxImportSource hono/jsx */

import type { Child } from "hono/jsx";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { MessageParams } from "../../../src/lib/i18n.ts";
import type { HostFigures } from "../../../src/modules/hosts/sample-writer.ts";
import { Icon, type IconName } from "../../components/icon.tsx";

/** A dashboard tile: its icon and label, then its value and sub-line as children. */
export function TileCard(props: {
  view: ViewContext;
  icon: IconName;
  label: string;
  testid?: string;
  children: Child;
}) {
  return (
    <article class="tile" data-testid={props.testid}>
      <h2 class="tile-label">
        <Icon name={props.icon} sprite={props.view.asset("vendor/icons.svg")} />
        {props.label}
      </h2>
      {props.children}
    </article>
  );
}

/**
 * One live tile (the dashboard's and each host's): its label, the value and sub-line as rendered now, and the keys the live
 * script updates. The sub-line's message template (with `{placeholders}`) goes to the page
 * too, so the live script fills in new numbers in the viewer's language; its `params` are
 * absent (or null) before the first sample, which leaves the line empty.
 */
export function Tile({
  view,
  icon,
  metric,
  value,
  sub,
  usage,
}: {
  view: ViewContext;
  icon: IconName;
  /** The metric shown, labelled `dashboard.<metric>`. */
  metric: string;
  value: string;
  sub?: { key: string; params?: MessageParams | null };
  usage?: number;
}) {
  const label = view.t(`dashboard.${metric}`);
  return (
    <TileCard view={view} icon={icon} label={label} testid={`tile-${metric}`}>
      <p class="tile-value" data-metric={metric}>
        {value}
      </p>
      {usage === undefined ? null : (
        <progress class="usage" max={100} value={usage} data-usage={metric} aria-label={label} />
      )}
      <p class="tile-sub" data-metric={`${metric}.sub`} data-template={sub ? view.t(sub.key) : undefined}>
        {sub?.params ? view.t(sub.key, sub.params) : ""}
      </p>
    </TileCard>
  );
}

/**
 * The tile of a pair of rates (received and sent, read and written): the first its value, the
 * second in its sub-line `dashboard.<metric>Sub` as `other`; `pair` absent before the first sample.
 */
function RateTile(props: {
  view: ViewContext;
  icon: IconName;
  metric: string;
  pair: [number, number] | null | undefined;
  other: string;
}) {
  const { view, pair } = props;
  const rate = (v: number | undefined) => (v === undefined ? "—" : `${view.fmt.bytes(v)}/s`);
  return (
    <Tile
      view={view}
      icon={props.icon}
      metric={props.metric}
      value={rate(pair?.[0])}
      sub={{ key: `dashboard.${props.metric}Sub`, params: pair && { [props.other]: rate(pair[1]) } }}
    />
  );
}

/** The tiles of a host's network and disk rates (bytes a second) and its process count; `io` absent before the first sample. */
export function IoTiles(props: {
  view: ViewContext;
  io: Pick<HostFigures, "netRx" | "netTx" | "diskRead" | "diskWrite" | "processes"> | null | undefined;
}) {
  const { view, io } = props;
  return (
    <>
      <RateTile view={view} icon="network" metric="network" pair={io && [io.netRx, io.netTx]} other="tx" />
      <RateTile
        view={view}
        icon="hard-drive"
        metric="disk"
        pair={io && [io.diskRead, io.diskWrite]}
        other="write"
      />
      <Tile view={view} icon="list" metric="processes" value={io ? view.fmt.number(io.processes) : "—"} />
    </>
  );
}
