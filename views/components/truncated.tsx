/** @jsxImportSource hono/jsx */

/**
 * A long text (a request id, a service banner) cut to its cell's width and shown whole in its
 * tooltip; a muted dash when there is none. `class` must cut it (`truncate`, the default).
 */
export function Truncated({
  text,
  class: cls = "truncate",
}: {
  text: string | null | undefined;
  class?: string;
}) {
  return text ? (
    <span class={cls} title={text}>
      {text}
    </span>
  ) : (
    <span class="muted">—</span>
  );
}
