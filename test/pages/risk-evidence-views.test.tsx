/** @jsxImportSource hono/jsx */
/**
 * The risk views this branch adds, rendered from plain data (the risks module mounts them):
 * the likelihood suggestion with its reasons as links and its apply form, and the trend with
 * its period selector, chart data for public/js/risk-trend.js and the table fallback.
 */

import { describe, expect, test } from "bun:test";
import { loadAssets } from "../../src/lib/assets.ts";
import type { ViewContext } from "../../src/lib/context.ts";
import { createFormatter } from "../../src/lib/format.ts";
import { loadCatalogs } from "../../src/lib/i18n.ts";
import { renderPhrase } from "../../src/lib/phrase.ts";
import type { Suggestion } from "../../src/modules/risks/evidence.ts";
import { scoringRule } from "../../src/modules/risks/evidence-points.ts";
import { RiskSuggestion } from "../../views/pages/risks/suggestion.tsx";
import { RiskTrend } from "../../views/pages/risks/trend.tsx";

const view: ViewContext = {
  t: loadCatalogs().translator("en"),
  fmt: createFormatter("en", "UTC"),
  locale: "en",
  asset: loadAssets().url,
  path: "/risks/r1",
  pages: new Set(),
  theme: "system",
  hostName: "test-host",
  version: "0.0.0-test",
  liveSince: 0,
  user: null,
  nav: [],
  navCurrent: undefined,
};

const LABELS = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"];
const suggestion: Suggestion = {
  likelihood: 4,
  current: 2,
  levels: 5,
  points: 26,
  windowDays: 90,
  rule: scoringRule(5),
  reasons: [
    {
      kind: "vulnerability",
      phrase: {
        key: "riskEvidence.vulnerability.overdueDays",
        params: {
          label: "CVE-2024-1234",
          rating: {
            key: "riskEvidence.rated",
            params: { score: "9.8", severity: { key: "terms.critical" } },
          },
          on: "web-01",
          days: 12,
        },
      },
      points: 16,
      link: "/vulnerabilities/v1",
    },
    {
      kind: "incident",
      phrase: {
        key: "riskEvidence.incident",
        params: {
          title: "Intrusion",
          severity: { key: "terms.high" },
          status: { key: "terms.new" },
          on: "web-01",
          ago: { key: "riskEvidence.ago.today" },
        },
      },
      points: 7,
      link: "/incidents/i1",
    },
    {
      kind: "port",
      phrase: {
        key: "riskEvidence.port",
        params: {
          port: "3389/tcp",
          host: "10.0.0.5",
          ago: { key: "riskEvidence.ago.days", params: { days: 4 } },
        },
      },
      points: 3,
      link: "/network/scans/s1",
    },
  ],
};

const html = (node: unknown) => String(node);
const noKeys = (text: string) => expect(text).not.toMatch(/risk(Suggestion|Trend|Evidence)\.[a-z]|terms\./);

describe("RiskSuggestion", () => {
  test("the suggested and present levels, the reasons as links with points, the rule and the apply form", () => {
    const out = html(
      <RiskSuggestion
        view={view}
        suggestion={suggestion}
        labels={LABELS}
        applyUrl="/risks/r1/likelihood"
        fields={{ version: "3" }}
      />,
    );
    noKeys(out);
    expect(out).toContain("4 · Likely");
    expect(out).toContain("2 · Unlikely");
    expect(out).toContain("Suggested 4 of 5 because the evidence of the last 90 days");
    expect(out).toContain("adds up to 26 points");
    expect(out).toContain(
      '<a href="/vulnerabilities/v1">CVE-2024-1234 (CVSS 9.8, critical) open on web-01, 12 days overdue</a>',
    );
    expect(out).toContain('<a href="/incidents/i1">');
    expect(out).toContain('<a href="/network/scans/s1">');
    expect(out).toContain("+16 pts");
    expect(out).toContain("each started 10 points add a level");
    expect(out).toContain('<form method="post" action="/risks/r1/likelihood"');
    expect(out).toContain('<input type="hidden" name="version" value="3"/>');
    expect(out).toContain('<input type="hidden" name="likelihood" value="4"/>');
    expect(out).toContain("Apply: set the current likelihood to 4 · Likely");
    expect(out).toContain("Only a suggestion");
  });

  test("no apply form for a viewer who may not change the risk, or when the level already matches", () => {
    const readOnly = html(
      <RiskSuggestion view={view} suggestion={suggestion} labels={LABELS} applyUrl={null} />,
    );
    expect(readOnly).not.toContain("<form");
    const same = html(
      <RiskSuggestion view={view} suggestion={{ ...suggestion, current: 4 }} labels={LABELS} applyUrl="/x" />,
    );
    expect(same).not.toContain("<form");
    expect(same).toContain("already matches the suggestion");
    const unset = html(
      <RiskSuggestion
        view={view}
        suggestion={{
          ...suggestion,
          likelihood: 1,
          current: null,
          points: 0,
          reasons: [{ kind: "none", phrase: { key: "riskEvidence.none.unlinked" }, points: 0, link: null }],
        }}
        labels={LABELS}
        applyUrl="/x"
      />,
    );
    expect(unset).toContain("Not set");
    expect(unset).toContain("<span>No linked assets or techniques: there is no evidence to weigh.</span>");
  });
});

describe("RiskTrend", () => {
  const levels = [{ label: "Low" }, { label: "Medium" }, { label: "High", color: "--danger" }];
  const days = [
    { day: "2026-02-01", current: [1, 1, 1], residual: [2, 0, 0] },
    { day: "2026-02-02", current: [2, 0, 2], residual: [2, 1, 1] },
  ];

  test("period links, chart data for the script and the same figures as a table", () => {
    const out = html(
      <RiskTrend view={view} period="quarter" href="/risks/trend" levels={levels} days={days} />,
    );
    noKeys(out);
    expect(out).toContain('<a href="/risks/trend?period=quarter" aria-current="true">This quarter</a>');
    expect(out).toContain('<a href="/risks/trend?period=90d">90 days</a>');
    const data = [...out.matchAll(/data-risk-trend="([^"]*)"/g)].map((m) =>
      JSON.parse((m[1] as string).replaceAll("&quot;", '"')),
    );
    expect(data).toEqual([
      {
        days: ["2026-02-01", "2026-02-02"],
        series: [
          { label: "Low", color: "--sev-info", values: [1, 2] },
          { label: "Medium", color: "--sev-medium", values: [1, 0] },
          { label: "High", color: "--danger", values: [1, 2] },
        ],
      },
      {
        days: ["2026-02-01", "2026-02-02"],
        series: [
          { label: "Low", color: "--sev-info", values: [2, 2] },
          { label: "Medium", color: "--sev-medium", values: [0, 1] },
          { label: "High", color: "--danger", values: [0, 1] },
        ],
      },
    ]);
    const table = out.slice(out.indexOf("<table"));
    expect(table).toContain(
      '<th scope="row" class="mono">2026-02-02</th><td class="num">2</td><td class="num">0</td>',
    );
  });

  test("no snapshots yet: a sentence instead of empty charts", () => {
    const out = html(<RiskTrend view={view} period="90d" href="/risks/trend" levels={levels} days={[]} />);
    expect(out).toContain("No snapshots in this period yet");
    expect(out).not.toContain("data-risk-trend");
  });
});

describe("evidence sentences in the reader's language", () => {
  test("the same phrases read in German, nested words and numbers included", () => {
    const de = loadCatalogs().translator("de");
    expect(suggestion.reasons.map((r) => renderPhrase(de, r.phrase))).toEqual([
      "CVE-2024-1234 (CVSS 9.8, kritisch) offen auf web-01, 12 Tage überfällig",
      "Vorfall „Intrusion“ (hoch, neu) auf web-01, erkannt heute",
      "Port 3389/tcp neu offen auf 10.0.0.5 in einem Scan vor 4 Tagen",
    ]);
    expect(renderPhrase(de, scoringRule(5))).toContain("je angefangene 10 Punkte kommt eine Stufe hinzu");
  });
});
