import type { StepUnit } from "ts-fsrs";
import { parseSteps } from "./parse-steps";
import type { SchedulerSettings } from "./types";

export const MIN_DESIRED_RETENTION = 0.7;
export const MAX_DESIRED_RETENTION = 0.99;

export type ResolvedSettings = {
  desiredRetention: number;
  learningSteps: StepUnit[];
  relearningSteps: StepUnit[];
  maximumInterval: number;
};

// Settings are validated where the user saves them, so a bad value here is a
// bug or a damaged row. Fail loudly: ts-fsrs would silently swap a retention
// or maximum interval of 0 for its own default.
export function resolveSettings(settings: SchedulerSettings): ResolvedSettings {
  const { desiredRetention, maximumInterval } = settings;

  if (!(desiredRetention >= MIN_DESIRED_RETENTION && desiredRetention <= MAX_DESIRED_RETENTION)) {
    throw new RangeError(
      `desiredRetention must be between ${MIN_DESIRED_RETENTION} and ${MAX_DESIRED_RETENTION}, got ${desiredRetention}`,
    );
  }

  if (!Number.isInteger(maximumInterval) || maximumInterval < 1) {
    throw new RangeError(`maximumInterval must be a whole number of days of at least 1, got ${maximumInterval}`);
  }

  return {
    desiredRetention,
    learningSteps: stepsOrThrow("learningSteps", settings.learningSteps),
    relearningSteps: stepsOrThrow("relearningSteps", settings.relearningSteps),
    maximumInterval,
  };
}

function stepsOrThrow(name: string, text: string): StepUnit[] {
  const parsed = parseSteps(text);

  if (!parsed.ok) throw new RangeError(`${name}: ${parsed.error.message}`);

  return parsed.steps;
}
