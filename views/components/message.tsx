/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../src/lib/context.ts";
import { Icon } from "./icon.tsx";

/**
 * A message about a whole form or page: `error` for what went wrong (announced at once),
 * `success` for what was just done (announced politely). Without children (no error, no
 * notice) there is nothing to say, and nothing is rendered.
 */
export function Message({
  view,
  kind,
  children,
  testid,
}: {
  view: ViewContext;
  kind: "error" | "success";
  children?: Child;
  testid?: string;
}) {
  if (!children) return null;
  const sprite = view.asset("vendor/icons.svg");
  return (
    <div class={`message is-${kind}`} role={kind === "error" ? "alert" : "status"} data-testid={testid}>
      <Icon name={kind === "error" ? "circle-alert" : "check"} sprite={sprite} />
      <div>{children}</div>
    </div>
  );
}
