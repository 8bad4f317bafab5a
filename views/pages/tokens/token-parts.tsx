/** @jsxImportSource hono/jsx */
import type { FieldSpec } from "../../components/form-fields.tsx";

/*
 * What the pages of API tokens and of agents' enrolment tokens share: a token's name and the
 * start of its secret in a row, and the fields of the form creating one.
 */

/** The first cells of a token's row: its name and the start of its secret. */
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

/** The name field of a form creating a token (required, up to 80 characters, never filled in by the browser). */
export function tokenNameField(label: string, help?: string): FieldSpec {
  return { kind: "text", name: "name", label, help, maxlength: 80, autocomplete: "off", required: true };
}

/** A whole number from 1 to `max` on a form creating a token (its uses, its lifetime). */
export function tokenCountField(name: string, label: string, max: number, help?: string): FieldSpec {
  return { kind: "text", name, type: "number", label, help, min: 1, max, inputmode: "numeric" };
}
