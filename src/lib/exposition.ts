/**
 * The Prometheus text exposition format (0.0.4), written by hand: a metric family is a
 * name, a HELP text, a type and its samples. A few dozen lines do what `/metrics` needs, so
 * no client library is bundled (prom-client would add its own registry, default collectors
 * and two dependencies to the binary for the same text).
 */

/** Label names to values of one series. */
export type Labels = Readonly<Record<string, string>>;

/** The metric types Warden exposes. */
export type MetricType = "counter" | "gauge" | "histogram";

/** One line of a family: its labels, its value, and the suffix of a histogram's `_bucket`, `_sum` or `_count` line. */
export interface MetricSample {
  labels: Labels;
  value: number;
  suffix?: "_bucket" | "_sum" | "_count";
}

/** One metric family: a counter's name ends in `_total`, a histogram's lines carry their suffix. */
export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: readonly MetricSample[];
}

/** A gauge read from somewhere slower than memory (the database), at most once per cache period. */
export interface GaugeSource {
  name: string;
  help: string;
  read(): Promise<MetricSample[]>;
}

/** The content type of the text format. */
export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll("\n", "\\n").replaceAll('"', '\\"');
}

function escapeHelp(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");
}

/** A sample value as the format spells it (`NaN`, `+Inf`, `-Inf` for the non-finite ones). */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}

/** The families as exposition text: HELP and TYPE once per family, families without samples left out. */
export function expositionText(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const { name, help, type, samples } of families) {
    if (samples.length === 0) continue;
    lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`);
    for (const { labels, value, suffix = "" } of samples) {
      const tags = Object.entries(labels)
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(",");
      lines.push(`${name}${suffix}${tags ? `{${tags}}` : ""} ${formatValue(value)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** A family from `[labels, value]` pairs. */
export function family(
  type: MetricType,
  name: string,
  help: string,
  values: readonly (readonly [Labels, number])[],
): MetricFamily {
  return { name, help, type, samples: values.map(([labels, value]) => ({ labels, value })) };
}

/** The samples of one label: each key of `values` as the value of `label`, with its number. */
export function byLabel(label: string, values: Record<string, number>): [Labels, number][] {
  return Object.entries(values).map(([value, n]) => [{ [label]: value }, n]);
}
