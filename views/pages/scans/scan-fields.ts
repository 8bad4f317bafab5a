import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldSpec } from "../../components/form-fields.tsx";

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

/** Target, ports, concurrency, timeout and host discovery, with their help (described fields for `FormFields`). */
export function scanFields(view: ViewContext): FieldSpec[] {
  const { t } = view;
  // Each labelled and explained by its name.
  const text = (name: string, spec: Partial<Extract<FieldSpec, { kind: "text" }>>): FieldSpec => ({
    kind: "text",
    name,
    label: t(`scans.field.${name}`),
    help: t(`scans.help.${name}`),
    ...spec,
  });
  // Typed by hand: no spell check or autofill.
  const typed = { spellcheck: false, autocomplete: "off", required: true };
  return [
    text("target", { ...typed, placeholder: "127.0.0.1", maxlength: 253 }),
    text("ports", { ...typed, placeholder: "top1000", maxlength: 2000 }),
    text("concurrency", { type: "number", min: 1, inputmode: "numeric" }),
    text("connectTimeoutMs", { type: "number", min: 50, max: 30000, inputmode: "numeric" }),
    {
      kind: "check",
      name: "hostDiscovery",
      label: t("scans.field.hostDiscovery"),
      help: t("scans.help.hostDiscovery"),
    },
  ];
}
