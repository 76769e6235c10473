import { z } from "zod";
import { locales } from "../i18n/messages";
import { isValidSteps } from "../srs/parse-steps";
import { MAX_DESIRED_RETENTION, MIN_DESIRED_RETENTION } from "../srs/resolve-settings";
import { isTimeZone } from "./is-time-zone";

const steps = z.string().trim().max(100).refine(isValidSteps, "write steps like 1m 10m (units m, h, d)");

export const settingsSchema = z.object({
  timeZone: z.string().max(64).refine(isTimeZone, "unknown time zone"),
  dayStartHour: z.number().int().min(0).max(23),
  newPerDay: z.number().int().min(0).max(9999),
  reviewsPerDay: z.number().int().min(0).max(99999),
  desiredRetention: z.number().min(MIN_DESIRED_RETENTION).max(MAX_DESIRED_RETENTION),
  learningSteps: steps,
  relearningSteps: steps,
  maximumInterval: z.number().int().min(1).max(36500),
  leechThreshold: z.number().int().min(1).max(99),
  language: z.enum(locales).nullable(),
});

export const settingsUpdateSchema = settingsSchema.partial().strict();

export type Settings = z.infer<typeof settingsSchema>;
