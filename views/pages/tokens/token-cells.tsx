/** @jsxImportSource hono/jsx */

/** The first cells of a token's row (API or enrolment token): its name and the start of its secret. */
export function TokenCells({ token }: { token: { name: string; prefix: string } }) {
  return (
    <>
      <td>
        <span class="cell-title">{token.name}</span>
      </td>
      <td class="mono nowrap">{token.prefix}…</td>
    </>
  );
}
