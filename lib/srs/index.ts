export type { StepUnit } from "ts-fsrs";
export { type BuildQueueOptions, buildQueue } from "./build-queue";
export { formatInterval } from "./format-interval";
export { type IsAvailableOptions, isAvailable } from "./is-due";
export { type IsLeechOptions, isLeech } from "./is-leech";
export { type LearnerDaysBetweenOptions, learnerDaysBetween } from "./learner-days-between";
export {
  isValidSteps,
  MAX_STEPS,
  type ParseStepsResult,
  parseSteps,
  type StepsError,
  type StepsErrorCode,
} from "./parse-steps";
export { type PreviewGradesOptions, previewGrades } from "./preview-grades";
export { MAX_DESIRED_RETENTION, MIN_DESIRED_RETENTION } from "./resolve-settings";
export { type RetrievabilityOptions, retrievability } from "./retrievability";
export { type ScheduleReviewOptions, scheduleReview } from "./schedule-review";
export { DAY, HOUR, MINUTE, SECOND } from "./time-units";
export {
  CARD_STATE,
  type CardStateValue,
  type DayWindow,
  GRADE,
  GRADES,
  type Grade,
  type GradePreview,
  type QueueCandidate,
  type QueueResult,
  type ScheduleResult,
  type SchedulerSettings,
  type SrsCardState,
  type UserDay,
} from "./types";
export { type DayKeyOptions, type DayWindowOptions, dayKeyOf, dayWindow } from "./user-day";
