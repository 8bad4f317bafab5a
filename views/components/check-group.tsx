/** @jsxImportSource hono/jsx */

/** Props of a group of checkboxes posting one field several times. */
export interface CheckGroupProps {
  legend: string;
  /** The field each checked box posts its value as. */
  name: string;
  options: { value: string; label: string }[];
  /** The values checked. */
  checked: readonly string[];
  help?: string;
  error?: string;
  /** Labels in monospace (identifiers such as event names). */
  mono?: boolean;
}

/** A fieldset of checkboxes on one wrapping row, with its help and error texts. */
export function CheckGroup({ legend, name, options, checked, help, error, mono }: CheckGroupProps) {
  return (
    <fieldset class={`field check-group${error ? " has-error" : ""}`}>
      <legend>{legend}</legend>
      {help ? <p class="field-help">{help}</p> : null}
      <div class="check-row">
        {options.map((option) => (
          <label class={`check-label${mono ? " mono" : ""}`}>
            <input
              type="checkbox"
              name={name}
              value={option.value}
              checked={checked.includes(option.value)}
              aria-invalid={error ? "true" : undefined}
            />
            {option.label}
          </label>
        ))}
      </div>
      {error ? <p class="field-error">{error}</p> : null}
    </fieldset>
  );
}
