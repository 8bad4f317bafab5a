/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";

/** Props of a page's head. */
export interface PageHeadProps {
  title: Child;
  titleTestid?: string;
  /** The way back above the title (a link to the list the page belongs to), in `p.page-sub`. */
  back?: Child;
  /** The line under the title, in `p.page-sub` with the extra `subClass` and the `subId` and `subTestid` scripts and tests look for. */
  sub?: Child;
  subClass?: string;
  subId?: string;
  subTestid?: string;
  /** Under the title (and `sub`) as given: a counts line that renders its own element. */
  below?: Child;
  /** Beside the title: tabs, actions. */
  children?: Child;
}

/** The head of a page: the way back, its title, the lines under it and what stands beside them. */
export function PageHead(props: PageHeadProps) {
  return (
    <div class="page-head">
      <div>
        {props.back === undefined ? null : <p class="page-sub">{props.back}</p>}
        <h1 data-testid={props.titleTestid}>{props.title}</h1>
        {props.sub === undefined ? null : (
          <p
            class={props.subClass ? `page-sub ${props.subClass}` : "page-sub"}
            id={props.subId}
            data-testid={props.subTestid}
          >
            {props.sub}
          </p>
        )}
        {props.below}
      </div>
      {props.children}
    </div>
  );
}
