import { describe, expect, test } from "bun:test";
import { expositionText, family } from "../../src/lib/exposition.ts";
import { CounterVec, HistogramVec } from "../../src/lib/instruments.ts";

describe("hand-written exposition", () => {
  test("HELP and TYPE once per family, labels escaped, non-finite values spelled out, empty families left out", () => {
    const text = expositionText([
      family("gauge", "x_info", 'A "help"\nline \\ two.', [
        [{ path: 'C:\\a "b"\nc' }, 1],
        [{ path: "d" }, Number.NaN],
      ]),
      family("counter", "y_total", "Nothing yet.", []),
      family("gauge", "z", "Infinite.", [[{}, Number.POSITIVE_INFINITY]]),
    ]);
    expect(text).toBe(
      [
        '# HELP x_info A "help"\\nline \\\\ two.',
        "# TYPE x_info gauge",
        'x_info{path="C:\\\\a \\"b\\"\\nc"} 1',
        'x_info{path="d"} NaN',
        "# HELP z Infinite.",
        "# TYPE z gauge",
        "z +Inf",
        "",
      ].join("\n"),
    );
  });

  test("a counter keeps one series per label set, labels in its declared order, initial sets at 0", () => {
    const counter = new CounterVec("c_total", "Counts.", ["a", "b"], [{ a: "0", b: "0" }]);
    counter.inc({ b: "2", a: "1" });
    counter.inc({ a: "1", b: "2" }, 4);
    expect(counter.countOf({ a: "1", b: "2" })).toBe(5);
    expect(counter.countOf({ a: "9", b: "9" })).toBe(0);
    expect(expositionText([counter.family()]).split("\n").slice(2, 4)).toEqual([
      'c_total{a="0",b="0"} 0',
      'c_total{a="1",b="2"} 5',
    ]);
  });

  test("a histogram writes cumulative buckets, +Inf, sum and count per label set", () => {
    const histogram = new HistogramVec("d_seconds", "Durations.", ["route"], [0.1, 1]);
    for (const seconds of [0.05, 0.1, 0.5, 3]) histogram.observe({ route: "/x" }, seconds);
    expect(expositionText([histogram.family()]).split("\n").slice(2, -1)).toEqual([
      'd_seconds_bucket{route="/x",le="0.1"} 2',
      'd_seconds_bucket{route="/x",le="1"} 3',
      'd_seconds_bucket{route="/x",le="+Inf"} 4',
      'd_seconds_sum{route="/x"} 3.65',
      'd_seconds_count{route="/x"} 4',
    ]);
  });
});
