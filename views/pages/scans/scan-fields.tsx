/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import { type FieldErrors, TextField } from "../../components/form-field.tsx";

/** The scan settings as typed (a new scan and a schedule share them). */
export interface ScanFieldValues extends Record<string, string> {
  target: string;
  ports: string;
  /** Blank: the configured default. */
  concurrency: string;
  connectTimeoutMs: string;
  /** "on" when checked. */
  hostDiscovery: string;
}

/** The scan settings read from a posted form, as typed. */
export function scanFieldValues(form: Record<string, string>): ScanFieldValues {
  return {
    target: form.target ?? "",
    ports: form.ports ?? "",
    concurrency: (form.concurrency ?? "").trim(),
    connectTimeoutMs: (form.connectTimeoutMs ?? "").trim(),
    hostDiscovery: form.hostDiscovery === "on" ? "on" : "",
  };
}

/** The typed settings as service input: blanks left to the configured defaults. */
export function scanFieldInput(values: ScanFieldValues) {
  return {
    target: values.target,
    ports: values.ports,
    concurrency: values.concurrency === "" ? undefined : values.concurrency,
    connectTimeoutMs: values.connectTimeoutMs === "" ? undefined : values.connectTimeoutMs,
    hostDiscovery: values.hostDiscovery === "on",
  };
}

/** Target, ports, concurrency, timeout and host discovery, with their errors and help. */
export function ScanFields({
  view,
  values,
  errors,
  focus,
}: {
  view: ViewContext;
  values: Partial<ScanFieldValues>;
  errors: FieldErrors;
  focus?: string;
}) {
  const { t } = view;
  return (
    <>
      <TextField
        name="target"
        label={t("scans.field.target")}
        value={values.target}
        error={errors.target}
        help={t("scans.help.target")}
        placeholder="127.0.0.1"
        maxlength={253}
        spellcheck={false}
        autocomplete="off"
        required
        autofocus={focus === "target"}
      />
      <TextField
        name="ports"
        label={t("scans.field.ports")}
        value={values.ports}
        error={errors.ports}
        help={t("scans.help.ports")}
        placeholder="top1000"
        maxlength={2000}
        spellcheck={false}
        autocomplete="off"
        required
        autofocus={focus === "ports"}
      />
      <TextField
        name="concurrency"
        type="number"
        label={t("scans.field.concurrency")}
        value={values.concurrency}
        error={errors.concurrency}
        help={t("scans.help.concurrency")}
        min={1}
        inputmode="numeric"
        autofocus={focus === "concurrency"}
      />
      <TextField
        name="connectTimeoutMs"
        type="number"
        label={t("scans.field.connectTimeoutMs")}
        value={values.connectTimeoutMs}
        error={errors.connectTimeoutMs}
        help={t("scans.help.connectTimeoutMs")}
        min={50}
        max={30000}
        inputmode="numeric"
        autofocus={focus === "connectTimeoutMs"}
      />
      <div class="field check-field">
        <label class="check-label">
          <input
            type="checkbox"
            name="hostDiscovery"
            id="field-hostDiscovery"
            checked={values.hostDiscovery === "on"}
            aria-describedby="field-hostDiscovery-help"
          />
          {t("scans.field.hostDiscovery")}
        </label>
        <p class="field-help" id="field-hostDiscovery-help">
          {t("scans.help.hostDiscovery")}
        </p>
      </div>
    </>
  );
}

/** The order the scan fields are focused in after a failed submit. */
export const SCAN_FIELD_ORDER = ["target", "ports", "concurrency", "connectTimeoutMs"] as const;
