/** Formats numbers, byte sizes and times for one viewer's locale and time zone. */
export type Formatter = ReturnType<typeof buildFormatter>;

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

/** True when `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Formatters by locale and zone: Intl constructors are costly, and a handful of combinations serve everyone. */
const cache = new Map<string, Formatter>();
const CACHE_LIMIT = 256;

/**
 * The formatter of a locale and time zone (cached). Byte sizes use binary units with one
 * decimal; percentages one decimal; times in the viewer's zone. Unknown zones fall back
 * to UTC.
 */
export function createFormatter(locale: string, timeZone: string): Formatter {
  const key = `${locale}|${timeZone}`;
  if (cache.size >= CACHE_LIMIT && !cache.has(key)) cache.clear();
  return cache.getOrInsertComputed(key, () =>
    buildFormatter(locale, isValidTimeZone(timeZone) ? timeZone : "UTC"),
  );
}

function buildFormatter(locale: string, zone: string) {
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const num = (digits: number) =>
    numberFormats.getOrInsertComputed(
      digits,
      () => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    );
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: zone,
  });
  const rel = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
  const durationFormat = new Intl.DurationFormat(locale, { style: "narrow" });
  return {
    locale,
    timeZone: zone,
    number: (value: number, fractionDigits = 0) => num(fractionDigits).format(value),
    percent: (value: number) => `${num(1).format(value)} %`,
    bytes: (value: number) => {
      let unit = 0;
      let v = Math.abs(value);
      while (v >= 1024 && unit < BYTE_UNITS.length - 1) {
        v /= 1024;
        unit++;
      }
      return `${value < 0 ? "-" : ""}${num(unit === 0 ? 0 : 1).format(v)} ${BYTE_UNITS[unit]}`;
    },
    dateTime: (ms: number) => dateTime.format(ms),
    relative: (ms: number, now = Date.now()) => {
      const seconds = Math.round((ms - now) / 1000);
      const abs = Math.abs(seconds);
      if (abs < 60) return rel.format(seconds, "second");
      if (abs < 3600) return rel.format(Math.round(seconds / 60), "minute");
      if (abs < 86_400) return rel.format(Math.round(seconds / 3600), "hour");
      return rel.format(Math.round(seconds / 86_400), "day");
    },
    duration: (seconds: number) => {
      const total = Math.max(0, Math.floor(seconds));
      const parts = {
        days: Math.floor(total / 86_400),
        hours: Math.floor((total % 86_400) / 3600),
        minutes: Math.floor((total % 3600) / 60),
        seconds: total >= 3600 ? 0 : total % 60,
      };
      // DurationFormat drops zero units, which would leave nothing at all for 0 s.
      return total === 0 ? durationFormat.format({ seconds: 0 }) || "0s" : durationFormat.format(parts);
    },
  };
}
