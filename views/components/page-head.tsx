/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";

/**
 * The head of a page: its title, the line under it (`sub`, in `p.page-sub` with the extra
 * `subClass` and the `subId` scripts and tests look for), and what stands beside them (tabs,
 * actions) as children.
 */
export function PageHead(props: {
  title: Child;
  sub?: Child;
  subClass?: string;
  subId?: string;
  children?: Child;
}) {
  return (
    <div class="page-head">
      <div>
        <h1>{props.title}</h1>
        {props.sub === undefined ? null : (
          <p class={props.subClass ? `page-sub ${props.subClass}` : "page-sub"} id={props.subId}>
            {props.sub}
          </p>
        )}
      </div>
      {props.children}
    </div>
  );
}
