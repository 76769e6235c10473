import type { Locale } from "../i18n/messages";
import { DAY, HOUR, MINUTE } from "./time-units";

// Calendar-free lengths: a label only needs to be about right.
const YEAR = 365 * DAY;
const MONTH = YEAR / 12;

type Unit = { length: number; nextLength: number; precision: number; label: Record<Locale, string> };

// Minutes to days are whole; months and years keep one decimal ("1.5mo").
const UNITS: Unit[] = [
  { length: MINUTE, nextLength: HOUR, precision: 1, label: { en: "m", zh: "分钟" } },
  { length: HOUR, nextLength: DAY, precision: 1, label: { en: "h", zh: "小时" } },
  { length: DAY, nextLength: MONTH, precision: 1, label: { en: "d", zh: "天" } },
  { length: MONTH, nextLength: YEAR, precision: 0.1, label: { en: "mo", zh: "个月" } },
  { length: YEAR, nextLength: Number.POSITIVE_INFINITY, precision: 0.1, label: { en: "y", zh: "年" } },
];

const UNDER_A_MINUTE: Record<Locale, string> = { en: "<1m", zh: "<1分钟" };

// A short label for the gap until a due date: "10m", "3d", "1.5mo", "2y", or
// "10分钟", "3天", "1.5个月", "2年". A unit is kept only while its rounded
// count stays below the next unit, so 59.7 minutes reads "1h", never "60m".
export function formatInterval(ms: number, locale: Locale): string {
  if (!Number.isFinite(ms)) throw new RangeError(`interval must be a finite number of ms, got ${ms}`);

  if (ms < MINUTE) return UNDER_A_MINUTE[locale];

  for (const unit of UNITS) {
    const count = roundTo(ms / unit.length, unit.precision);

    if (count * unit.length < unit.nextLength) return `${count}${unit.label[locale]}`;
  }

  throw new RangeError(`no unit for an interval of ${ms} ms`);
}

// Rounds through the reciprocal so 1.5 prints as "1.5", not "1.5000000000000002".
function roundTo(value: number, precision: number): number {
  const steps = Math.round(1 / precision);

  return Math.round(value * steps) / steps;
}
