import { describe, expect, it } from "vitest";
import { DAY, formatInterval, HOUR, MINUTE, SECOND } from "@/lib/srs";

const cases: Array<[string, number, string, string]> = [
  ["30 seconds", 30 * SECOND, "<1m", "<1分钟"],
  ["1 minute", MINUTE, "1m", "1分钟"],
  ["6 minutes", 6 * MINUTE, "6m", "6分钟"],
  ["10 minutes", 10 * MINUTE, "10m", "10分钟"],
  ["59.7 minutes", 59.7 * MINUTE, "1h", "1小时"],
  ["1 hour", HOUR, "1h", "1小时"],
  ["23.6 hours", 23.6 * HOUR, "1d", "1天"],
  ["3 days", 3 * DAY, "3d", "3天"],
  ["30 days", 30 * DAY, "30d", "30天"],
  ["45 days", 45 * DAY, "1.5mo", "1.5个月"],
  ["61 days", 61 * DAY, "2mo", "2个月"],
  ["364 days", 364 * DAY, "1y", "1年"],
  ["547.5 days", 547.5 * DAY, "1.5y", "1.5年"],
  ["2 years", 730 * DAY, "2y", "2年"],
];

describe("formatInterval", () => {
  it.each(cases)("labels %s as %s / %s", (_, ms, en, zh) => {
    expect(formatInterval(ms, "en")).toBe(en);
    expect(formatInterval(ms, "zh")).toBe(zh);
  });

  it("treats a due time already past as under a minute", () => {
    expect(formatInterval(-5 * MINUTE, "en")).toBe("<1m");
  });

  it("refuses a non-finite interval", () => {
    expect(() => formatInterval(Number.NaN, "en")).toThrow(RangeError);
  });
});
