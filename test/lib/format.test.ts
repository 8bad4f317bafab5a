import { describe, expect, test } from "bun:test";
import { createFormatter } from "../../src/lib/format.ts";

describe("formatter", () => {
  test("bytes use binary units with one decimal, grouped per locale", () => {
    const en = createFormatter("en", "UTC");
    expect(en.bytes(512)).toBe("512 B");
    expect(en.bytes(1536)).toBe("1.5 KiB");
    expect(en.bytes(16 * 1024 ** 3)).toBe("16.0 GiB");
    expect(createFormatter("de", "UTC").bytes(1536)).toBe("1,5 KiB");
  });

  test("numbers and percentages follow the locale", () => {
    expect(createFormatter("en", "UTC").number(1234567)).toBe("1,234,567");
    expect(createFormatter("de", "UTC").number(1234567)).toBe("1.234.567");
    expect(createFormatter("en", "UTC").percent(42.25)).toBe("42.3 %");
  });

  test("times are shown in the viewer's time zone; unknown zones fall back to UTC", () => {
    const ms = Date.UTC(2026, 0, 15, 12, 0, 0);
    expect(createFormatter("en", "UTC").dateTime(ms)).toContain("12:00:00");
    expect(createFormatter("en", "Asia/Tokyo").dateTime(ms)).toContain("9:00:00");
    const bogus = createFormatter("en", "Mars/Olympus");
    expect(bogus.timeZone).toBe("UTC");
  });

  test("relative times and durations", () => {
    const en = createFormatter("en", "UTC");
    const now = Date.now();
    expect(en.relative(now - 3 * 60_000, now)).toBe("3 min. ago");
    expect(en.duration(3 * 86_400 + 2 * 3600 + 5 * 60)).toBe("3d 2h 5m");
    expect(en.duration(65)).toBe("1m 5s");
  });
});
