import type { StepUnit } from "ts-fsrs";
import { DAY, HOUR, MINUTE } from "./time-units";

export type StepsErrorCode = "bad-format" | "unsupported-unit" | "zero-step" | "step-too-long" | "too-many-steps";

export type StepsError = { code: StepsErrorCode; token: string | null; message: string };

export type ParseStepsResult = { ok: true; steps: StepUnit[] } | { ok: false; error: StepsError };

export const MAX_STEPS = 10;

// A step is meant to bring the card back within the learning phase; a year is far beyond that.
const MAX_STEP = 365 * DAY;

const UNIT_LENGTH = { m: MINUTE, h: HOUR, d: DAY } as const;

type Unit = keyof typeof UNIT_LENGTH;

// ts-fsrs reads a step with parseInt, so "1.5m" would silently become "1m",
// and it knows no seconds: only whole, positive numbers of m, h or d pass.
const STEP_PATTERN = /^([1-9][0-9]*)([mhd])$/;

// Parses a space-separated steps string such as "1m 10m" ("" means no steps).
export function parseSteps(text: string): ParseStepsResult {
  const tokens = text
    .trim()
    .split(/\s+/)
    .filter((token) => token !== "");

  if (tokens.length > MAX_STEPS) {
    return fail("too-many-steps", null, `at most ${MAX_STEPS} steps are allowed, got ${tokens.length}`);
  }

  const steps: StepUnit[] = [];

  for (const token of tokens) {
    const [, amount = "", unit = ""] = STEP_PATTERN.exec(token) ?? [];

    if (!isUnit(unit)) return fail(...describeBadToken(token));

    const value = Number(amount);

    if (value * UNIT_LENGTH[unit] > MAX_STEP) {
      return fail("step-too-long", token, `step "${token}" is longer than 365d`);
    }

    steps.push(`${value}${unit}`);
  }

  return { ok: true, steps };
}

// For a zod `.refine` at the settings edge.
export function isValidSteps(text: string): boolean {
  return parseSteps(text).ok;
}

function describeBadToken(token: string): [StepsErrorCode, string, string] {
  if (/^[0-9]+(\.[0-9]+)?s$/.test(token)) {
    return ["unsupported-unit", token, `step "${token}" is in seconds; use m, h or d`];
  }

  if (/^0+[mhd]$/.test(token)) return ["zero-step", token, `step "${token}" must be longer than zero`];

  return ["bad-format", token, `step "${token}" must be a whole number followed by m, h or d, as in "10m"`];
}

function isUnit(text: string): text is Unit {
  return Object.hasOwn(UNIT_LENGTH, text);
}

function fail(code: StepsErrorCode, token: string | null, message: string): ParseStepsResult {
  return { ok: false, error: { code, token, message } };
}
