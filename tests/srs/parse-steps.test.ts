import { describe, expect, it } from "vitest";
import { isValidSteps, parseSteps } from "@/lib/srs";

describe("parseSteps", () => {
  it.each([
    ["1m 10m", ["1m", "10m"]],
    ["10m", ["10m"]],
    ["", []],
    ["   ", []],
    ["  5m\t1h  2d ", ["5m", "1h", "2d"]],
  ])("reads %j", (text, steps) => {
    expect(parseSteps(text)).toEqual({ ok: true, steps });
    expect(isValidSteps(text)).toBe(true);
  });

  it.each([
    ["30s", "unsupported-unit", "30s"],
    ["1m 0m", "zero-step", "0m"],
    ["1.5m", "bad-format", "1.5m"],
    ["10", "bad-format", "10"],
    ["10M", "bad-format", "10M"],
    ["-1m", "bad-format", "-1m"],
    ["1m,10m", "bad-format", "1m,10m"],
    ["366d", "step-too-long", "366d"],
    ["1m 1m 1m 1m 1m 1m 1m 1m 1m 1m 1m", "too-many-steps", null],
  ])("refuses %j (%s)", (text, code, token) => {
    const result = parseSteps(text);

    expect(result.ok).toBe(false);
    expect(result.ok ? null : { code: result.error.code, token: result.error.token }).toEqual({ code, token });
    expect(isValidSteps(text)).toBe(false);
  });

  it("explains the problem in the message", () => {
    const result = parseSteps("1m 30s");

    expect(result.ok ? "" : result.error.message).toBe('step "30s" is in seconds; use m, h or d');
  });
});
