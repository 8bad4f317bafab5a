/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../../src/lib/context.ts";
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
