/**
 * Days of a date filter (`<input type="date">`, `YYYY-MM-DD`) and wall-clock times of a
 * `<input type="datetime-local">` as instants in the viewer's time zone, so "from 3 May"
 * means from midnight where the viewer is.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `at` (ms). */
function zoneOffset(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
    part("second"),
  );
  return wall - (at - (at % 1000));
}

/** The instant (ms) of 00:00 on `date` in `timeZone`; null when `date` is not a real calendar day. */
export function startOfDay(date: string, timeZone: string): number | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const wall = Date.UTC(year, month - 1, day);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null;
  // Twice: the offset at the first guess may differ from the offset at midnight (a DST change that day).
  const guess = wall - zoneOffset(wall, timeZone);
  return wall - zoneOffset(guess, timeZone);
}

/** The last millisecond of `date` in `timeZone`; null when `date` is not a real calendar day. */
export function endOfDay(date: string, timeZone: string): number | null {
  const start = startOfDay(date, timeZone);
  if (start === null) return null;
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const nextDay = new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
  return (startOfDay(nextDay, timeZone) ?? start + 86_400_000) - 1;
}

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/** The instant (ms) of a `datetime-local` value (`YYYY-MM-DDTHH:MM`) in `timeZone`; null when invalid. */
export function fromLocalInput(value: string, timeZone: string): number | null {
  const match = LOCAL.exec(value);
  if (!match) return null;
  const [hours, minutes] = [Number(match[2]), Number(match[3])];
  if (hours > 23 || minutes > 59) return null;
  const day = startOfDay(match[1] as string, timeZone);
  if (day === null) return null;
  const guess = day + (hours * 60 + minutes) * 60_000;
  // The wall clock may jump within the day (DST): correct by the offset at the result.
  return guess - (zoneOffset(guess, timeZone) - zoneOffset(day, timeZone));
}

/** A `datetime-local` value (`YYYY-MM-DDTHH:MM`) showing the instant `at` in `timeZone`. */
export function toLocalInput(at: number, timeZone: string): string {
  return new Date(at + zoneOffset(at, timeZone)).toISOString().slice(0, 16);
}
