import { describe, expect, it } from "vitest";
import { DAY, dayKeyOf, dayWindow, HOUR, learnerDaysBetween, MINUTE, SECOND } from "@/lib/srs";

const iso = (date: Date) => date.toISOString();

function windowAt(now: string, timeZone: string, dayStartHour: number) {
  const { start, end, key } = dayWindow({ now: new Date(now), timeZone, dayStartHour });

  return { start: iso(start), end: iso(end), key, hours: (end.getTime() - start.getTime()) / HOUR };
}

describe("dayWindow in Asia/Shanghai (UTC+8, no DST), day starting 04:00", () => {
  it("puts 03:59:59.999 local in the previous day", () => {
    expect(windowAt("2026-03-09T19:59:59.999Z", "Asia/Shanghai", 4)).toEqual({
      start: "2026-03-08T20:00:00.000Z",
      end: "2026-03-09T20:00:00.000Z",
      key: "2026-03-09",
      hours: 24,
    });
  });

  it("starts the new day at 04:00 local", () => {
    expect(windowAt("2026-03-09T20:00:00.000Z", "Asia/Shanghai", 4)).toEqual({
      start: "2026-03-09T20:00:00.000Z",
      end: "2026-03-10T20:00:00.000Z",
      key: "2026-03-10",
      hours: 24,
    });
  });

  it("keeps a late-night session past midnight in the day that started the morning before", () => {
    const key = (at: string) => dayKeyOf({ at: new Date(at), timeZone: "Asia/Shanghai", dayStartHour: 4 });

    expect(key("2026-03-10T15:30:00.000Z")).toBe("2026-03-10"); // 23:30 on the 10th
    expect(key("2026-03-10T17:30:00.000Z")).toBe("2026-03-10"); // 01:30 on the 11th
    expect(key("2026-03-10T19:59:59.999Z")).toBe("2026-03-10"); // 03:59:59.999 on the 11th
    expect(key("2026-03-10T20:00:00.000Z")).toBe("2026-03-11"); // 04:00 on the 11th
  });
});

describe("dayWindow in America/New_York across the 2026 DST changes, day starting 04:00", () => {
  // Clocks go from 02:00 EST to 03:00 EDT on Sunday 8 March 2026. With a 04:00
  // start, that hour falls in the learner's day that began on Saturday.
  it("makes the day holding the spring-forward hour 23 hours long", () => {
    expect(windowAt("2026-03-08T06:59:00.000Z", "America/New_York", 4)).toEqual({
      start: "2026-03-07T09:00:00.000Z",
      end: "2026-03-08T08:00:00.000Z",
      key: "2026-03-07",
      hours: 23,
    });
  });

  it("starts the next day at 04:00 EDT and runs 24 hours", () => {
    expect(windowAt("2026-03-08T08:00:00.000Z", "America/New_York", 4)).toEqual({
      start: "2026-03-08T08:00:00.000Z",
      end: "2026-03-09T08:00:00.000Z",
      key: "2026-03-08",
      hours: 24,
    });
  });

  it("puts 03:59:59.999 EDT on 8 March in the short day, 04:00 in the next", () => {
    const key = (at: string) => dayKeyOf({ at: new Date(at), timeZone: "America/New_York", dayStartHour: 4 });

    expect(key("2026-03-08T07:59:59.999Z")).toBe("2026-03-07");
    expect(key("2026-03-08T08:00:00.000Z")).toBe("2026-03-08");
  });

  // Clocks go from 02:00 EDT back to 01:00 EST on Sunday 1 November 2026.
  it("makes the day holding the fall-back hour 25 hours long", () => {
    expect(windowAt("2026-11-01T05:30:00.000Z", "America/New_York", 4)).toEqual({
      start: "2026-10-31T08:00:00.000Z",
      end: "2026-11-01T09:00:00.000Z",
      key: "2026-10-31",
      hours: 25,
    });
  });

  it("starts the next day at 04:00 EST and runs 24 hours", () => {
    expect(windowAt("2026-11-01T09:00:00.000Z", "America/New_York", 4)).toEqual({
      start: "2026-11-01T09:00:00.000Z",
      end: "2026-11-02T09:00:00.000Z",
      key: "2026-11-01",
      hours: 24,
    });
  });

  it("makes 8 March itself 23 hours and 1 November 25 hours when the day starts at midnight", () => {
    expect(windowAt("2026-03-08T12:00:00.000Z", "America/New_York", 0)).toEqual({
      start: "2026-03-08T05:00:00.000Z",
      end: "2026-03-09T04:00:00.000Z",
      key: "2026-03-08",
      hours: 23,
    });
    expect(windowAt("2026-11-01T12:00:00.000Z", "America/New_York", 0)).toEqual({
      start: "2026-11-01T04:00:00.000Z",
      end: "2026-11-02T05:00:00.000Z",
      key: "2026-11-01",
      hours: 25,
    });
  });

  it("starts a day whose start hour is skipped (02:00 on 8 March) at 03:00 EDT", () => {
    expect(windowAt("2026-03-08T12:00:00.000Z", "America/New_York", 2)).toEqual({
      start: "2026-03-08T07:00:00.000Z",
      end: "2026-03-09T06:00:00.000Z",
      key: "2026-03-08",
      hours: 23,
    });
  });

  it("starts a day whose start hour happens twice (01:00 on 1 November) at the first one", () => {
    expect(windowAt("2026-11-01T12:00:00.000Z", "America/New_York", 1)).toEqual({
      start: "2026-11-01T05:00:00.000Z",
      end: "2026-11-02T06:00:00.000Z",
      key: "2026-11-01",
      hours: 25,
    });
    // The repeated 01:30, in EST, still belongs to the new day.
    expect(dayKeyOf({ at: new Date("2026-11-01T06:30:00.000Z"), timeZone: "America/New_York", dayStartHour: 1 })).toBe(
      "2026-11-01",
    );
  });
});

describe("dayWindow invariants through DST weeks", () => {
  const cases: Array<[string, number, string]> = [
    ["America/New_York", 4, "2026-03-05T00:00:00Z"],
    ["America/New_York", 2, "2026-10-29T00:00:00Z"],
    ["Europe/London", 1, "2026-03-26T00:00:00Z"],
    ["Europe/London", 1, "2026-10-22T00:00:00Z"],
    // Half-hour DST shift at 02:00.
    ["Australia/Lord_Howe", 2, "2026-04-02T00:00:00Z"],
    ["Australia/Lord_Howe", 2, "2026-10-01T00:00:00Z"],
    ["Asia/Kathmandu", 0, "2026-01-01T00:00:00Z"],
    ["UTC", 0, "2026-06-01T00:00:00Z"],
  ];

  it.each(cases)(
    "%s from %i:00, week of %s: every instant lies in its window, windows tile",
    (timeZone, hour, from) => {
      for (let t = new Date(from).getTime(); t < new Date(from).getTime() + 7 * DAY; t += 29 * MINUTE) {
        const now = new Date(t);
        const day = dayWindow({ now, timeZone, dayStartHour: hour });
        const next = dayWindow({ now: day.end, timeZone, dayStartHour: hour });

        expect(day.start.getTime()).toBeLessThanOrEqual(t);
        expect(day.end.getTime()).toBeGreaterThan(t);
        expect(dayKeyOf({ at: day.start, timeZone, dayStartHour: hour })).toBe(day.key);
        expect(dayKeyOf({ at: new Date(day.end.getTime() - SECOND), timeZone, dayStartHour: hour })).toBe(day.key);
        expect(next.start).toEqual(day.end);
        expect(next.key > day.key).toBe(true);
      }
    },
  );
});

describe("dayWindow input checks", () => {
  it.each([-1, 24, 4.5])("refuses dayStartHour %s", (dayStartHour) => {
    expect(() => dayWindow({ now: new Date("2026-01-01T00:00:00Z"), timeZone: "UTC", dayStartHour })).toThrow(
      RangeError,
    );
  });

  it("refuses an unknown time zone", () => {
    expect(() =>
      dayWindow({ now: new Date("2026-01-01T00:00:00Z"), timeZone: "Mars/Olympus", dayStartHour: 4 }),
    ).toThrow(RangeError);
  });
});

describe("learnerDaysBetween", () => {
  const newYork = { timeZone: "America/New_York", dayStartHour: 4 };
  const between = (from: string, to: string) =>
    learnerDaysBetween({ from: new Date(from), to: new Date(to), ...newYork });

  it("is 0 within one learner day, even past midnight", () => {
    expect(between("2026-03-10T09:00:00.000Z", "2026-03-11T07:59:00.000Z")).toBe(0);
  });

  it("counts each 04:00 boundary crossed, across the 23- and 25-hour days", () => {
    expect(between("2026-03-07T12:00:00.000Z", "2026-03-08T08:00:00.000Z")).toBe(1);
    expect(between("2026-10-31T12:00:00.000Z", "2026-11-02T09:00:00.000Z")).toBe(2);
  });

  it("is negative when the second instant comes first", () => {
    expect(between("2026-03-12T12:00:00.000Z", "2026-03-10T12:00:00.000Z")).toBe(-2);
  });
});
