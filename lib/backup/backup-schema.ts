import { z } from "zod";
import { stateSnapshotSchema } from "../reviews/state-snapshot";
import { settingsSchema } from "../settings/settings-schema";

export const BACKUP_FORMAT = "ebb-backup";
export const BACKUP_VERSION = 1;

// Generous bounds that still keep a hostile file from asking for unbounded
// work; the request body limit is the tighter one in practice.
const MAX_ROWS = 1_000_000;
const MAX_CARD_ID_LENGTH = 200;

const cardId = z.string().min(1).max(MAX_CARD_ID_LENGTH);
const count = z.int32().min(0);
const timestamp = z.iso.datetime({ offset: true });
const stateValue = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
const grade = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

export const backupCardStateSchema = z.object({
  cardId,
  state: stateValue,
  due: timestamp,
  stability: z.number(),
  difficulty: z.number(),
  elapsedDays: count,
  scheduledDays: count,
  learningSteps: count,
  reps: count,
  lapses: count,
  lastReview: timestamp.nullable(),
  suspended: z.boolean(),
  leech: z.boolean(),
  version: z.int32().min(1),
});

export const backupReviewLogSchema = z.object({
  id: z.uuid(),
  cardId,
  rating: grade,
  source: z.enum(["review", "quiz"]),
  reviewedAt: timestamp,
  durationMs: count,
  before: stateSnapshotSchema.nullable(),
  after: stateSnapshotSchema,
  stateBefore: stateValue,
  stateAfter: stateValue,
  stabilityAfter: z.number(),
  difficultyAfter: z.number(),
  scheduledDays: count,
  elapsedDays: count,
  undoneAt: timestamp.nullable(),
  createdAt: timestamp,
});

export const backupQuizItemSchema = z.object({
  cardId,
  position: z.int32(),
  answer: z.json().nullable(),
  correct: z.boolean().nullable(),
  durationMs: count.nullable(),
  grade: grade.nullable(),
  // The id of a review log in the same backup.
  reviewId: z.uuid().nullable(),
  answeredAt: timestamp.nullable(),
});

export const backupQuizSchema = z.object({
  mode: z.enum(["topics", "mistakes"]),
  topicIds: z.array(z.string().min(1).max(MAX_CARD_ID_LENGTH)).max(1000),
  length: count,
  startedAt: timestamp,
  finishedAt: timestamp.nullable(),
  items: z.array(backupQuizItemSchema).max(MAX_ROWS),
});

export const backupSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    exportedAt: timestamp,
    settings: settingsSchema,
    cardStates: z.array(backupCardStateSchema).max(MAX_ROWS),
    reviewLogs: z.array(backupReviewLogSchema).max(MAX_ROWS),
    quizzes: z.array(backupQuizSchema).max(MAX_ROWS),
  })
  .superRefine((backup, context) => {
    const stateCards = new Set<string>();

    for (const [index, state] of backup.cardStates.entries()) {
      if (stateCards.has(state.cardId)) {
        context.addIssue({ code: "custom", path: ["cardStates", index, "cardId"], message: "card appears twice" });
      }

      stateCards.add(state.cardId);
    }

    const logIds = new Set<string>();

    for (const [index, log] of backup.reviewLogs.entries()) {
      if (logIds.has(log.id)) {
        context.addIssue({ code: "custom", path: ["reviewLogs", index, "id"], message: "review id appears twice" });
      }

      logIds.add(log.id);
    }

    const linkedReviews = new Set<string>();

    for (const [quizIndex, quiz] of backup.quizzes.entries()) {
      const positions = new Set<number>();

      for (const [itemIndex, item] of quiz.items.entries()) {
        if (positions.has(item.position)) {
          context.addIssue({
            code: "custom",
            path: ["quizzes", quizIndex, "items", itemIndex, "position"],
            message: "another item of this quiz has the same position",
          });
        }

        positions.add(item.position);

        if (item.reviewId === null) continue;

        const path = ["quizzes", quizIndex, "items", itemIndex, "reviewId"];

        if (!logIds.has(item.reviewId)) {
          context.addIssue({ code: "custom", path, message: "names a review that is not in the backup" });
        } else if (linkedReviews.has(item.reviewId)) {
          context.addIssue({ code: "custom", path, message: "names a review another item already names" });
        }

        linkedReviews.add(item.reviewId);
      }
    }
  });

export type Backup = z.infer<typeof backupSchema>;
export type BackupCardState = z.infer<typeof backupCardStateSchema>;
export type BackupReviewLog = z.infer<typeof backupReviewLogSchema>;
export type BackupQuiz = z.infer<typeof backupQuizSchema>;
