import { describe, expect, test } from "bun:test";
import { endOfDay, fromLocalInput, startOfDay, toLocalInput } from "../../src/kit/zoned-day.ts";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe("days of the audit filter in the viewer's time zone", () => {
  test("midnight to the last millisecond, in UTC and ahead of or behind it", () => {
    expect(iso(startOfDay("2024-12-31", "UTC"))).toBe("2024-12-31T00:00:00.000Z");
    expect(iso(endOfDay("2024-12-31", "UTC"))).toBe("2024-12-31T23:59:59.999Z");
    expect(iso(startOfDay("2024-07-01", "America/New_York"))).toBe("2024-07-01T04:00:00.000Z");
    expect(iso(startOfDay("2024-07-01", "Asia/Kolkata"))).toBe("2024-06-30T18:30:00.000Z");
  });

  test("a day with a DST change is 23 hours long", () => {
    const start = startOfDay("2024-03-31", "Europe/Berlin");
    const end = endOfDay("2024-03-31", "Europe/Berlin");
    expect(iso(start)).toBe("2024-03-30T23:00:00.000Z");
    expect(iso(end)).toBe("2024-03-31T21:59:59.999Z");
  });

  test("anything but a real calendar day is null", () => {
    for (const bad of ["2024-02-30", "2024-13-01", "yesterday", "2024-1-1", ""]) {
      expect(startOfDay(bad, "UTC")).toBeNull();
      expect(endOfDay(bad, "UTC")).toBeNull();
    }
  });
});

describe("datetime-local values", () => {
  test("round-trip in a zone with DST, and refuse nonsense", () => {
    const at = fromLocalInput("2026-07-01T09:30", "Europe/Berlin");
    expect(at).toBe(Date.UTC(2026, 6, 1, 7, 30));
    expect(toLocalInput(at ?? 0, "Europe/Berlin")).toBe("2026-07-01T09:30");
    expect(fromLocalInput("2026-01-15T23:59", "America/New_York")).toBe(Date.UTC(2026, 0, 16, 4, 59));
    expect(toLocalInput(Date.UTC(2026, 0, 16, 4, 59), "America/New_York")).toBe("2026-01-15T23:59");
    for (const bad of ["", "2026-02-30T10:00", "2026-01-01T24:00", "2026-01-01 10:00", "yesterday"])
      expect(fromLocalInput(bad, "UTC")).toBeNull();
  });
});
