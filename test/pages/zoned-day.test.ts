import { describe, expect, test } from "bun:test";
import { endOfDay, startOfDay } from "../../src/routes/pages/zoned-day.ts";

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
