import { DAY, SECOND } from "./time-units";
import type { DayWindow, UserDay } from "./types";

export type DayWindowOptions = UserDay & { now: Date };
export type DayKeyOptions = UserDay & { at: Date };

type CalendarDate = { year: number; month: number; day: number };
type WallClock = CalendarDate & { hour: number; minute: number; second: number };

// The learner's day that contains `now`: from dayStartHour local time to the
// next day's dayStartHour, so it lasts 23 or 25 hours across a DST change.
export function dayWindow({ now, timeZone, dayStartHour }: DayWindowOptions): DayWindow {
  const date = learnerDate({ at: now, timeZone, dayStartHour });

  const start = instantOf({ ...date, hour: dayStartHour, minute: 0, second: 0 }, timeZone);
  const end = instantOf({ ...addDays(date, 1), hour: dayStartHour, minute: 0, second: 0 }, timeZone);

  return { start, end, key: formatKey(date) };
}

// YYYY-MM-DD of the learner's day that contains `at`.
export function dayKeyOf({ at, timeZone, dayStartHour }: DayKeyOptions): string {
  return formatKey(learnerDate({ at, timeZone, dayStartHour }));
}

// Before dayStartHour, the local time still belongs to the previous date's day.
function learnerDate({ at, timeZone, dayStartHour }: DayKeyOptions): CalendarDate {
  if (!Number.isInteger(dayStartHour) || dayStartHour < 0 || dayStartHour > 23) {
    throw new RangeError(`dayStartHour must be a whole hour from 0 to 23, got ${dayStartHour}`);
  }

  if (Number.isNaN(at.getTime())) throw new RangeError("the time is an invalid date");

  const { year, month, day, hour } = wallClockAt(at, timeZone);
  const date = { year, month, day };

  return hour < dayStartHour ? addDays(date, -1) : date;
}

// The instant at which clocks in `timeZone` show `wall`. A wall time the
// clocks skip (spring forward) maps to the same distance past the jump; one
// they show twice (fall back) maps to the earlier instant.
function instantOf(wall: WallClock, timeZone: string): Date {
  const asIfUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);

  // Offsets a day either side bracket any single transition near this wall time.
  const offsetBefore = offsetAt(asIfUtc - DAY, timeZone);
  const offsetAfter = offsetAt(asIfUtc + DAY, timeZone);

  const matches = [asIfUtc - offsetBefore, asIfUtc - offsetAfter].filter(
    (instant) => instant + offsetAt(instant, timeZone) === asIfUtc,
  );

  return new Date(matches.length > 0 ? Math.min(...matches) : asIfUtc - offsetBefore);
}

// Local time minus UTC, in ms, at `instant`.
function offsetAt(instant: number, timeZone: string): number {
  const wholeSecond = Math.floor(instant / SECOND) * SECOND;
  const local = wallClockAt(new Date(wholeSecond), timeZone);

  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - wholeSecond;
}

function wallClockAt(at: Date, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((candidate) => candidate.type === type)?.value);

  return {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour"),
    minute: part("minute"),
    second: part("second"),
  };
}

// Building a DateTimeFormat costs far more than using one, and a queue asks
// for the same few zones again and again.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);

  if (cached) return cached;

  const formatter = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  formatters.set(timeZone, formatter);

  return formatter;
}

function addDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));

  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function formatKey({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
