import type { PrismaClient } from "../generated/prisma/client";
import { snapshotOf, stateSnapshotSchema } from "../reviews/state-snapshot";
import { getSettings } from "../settings/get-settings";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type Backup,
  type BackupQuiz,
  type BackupReviewLog,
  backupQuizItemSchema,
} from "./backup-schema";

const LOG_BATCH = 5_000;

// Everything the user has learned, in the shape restoreBackup reads back:
// settings, card states, every review (undone ones too, with the snapshots
// undo needs) and quizzes. Account identity (email, password) stays out.
export async function createBackup(options: { prisma: PrismaClient; userId: string; now: Date }): Promise<Backup> {
  const { prisma, userId, now } = options;
  const settings = await getSettings({ prisma, userId });

  const states = await prisma.cardState.findMany({ where: { userId }, orderBy: { cardId: "asc" } });
  const reviewLogs = await readReviewLogs(prisma, userId);
  const quizzes = await readQuizzes(prisma, userId);

  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    settings,
    cardStates: states.map((row) => ({ cardId: row.cardId, ...snapshotOf(row) })),
    reviewLogs,
    quizzes,
  };
}

// Read in id-keyed batches so a long history never becomes one huge query
// result inside the driver.
async function readReviewLogs(prisma: PrismaClient, userId: string): Promise<BackupReviewLog[]> {
  const logs: BackupReviewLog[] = [];
  let cursor: string | undefined;

  for (;;) {
    const batch = await prisma.reviewLog.findMany({
      where: { userId, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: "asc" },
      take: LOG_BATCH,
    });

    for (const row of batch) {
      logs.push({
        id: row.id,
        cardId: row.cardId,
        rating: gradeOf(row.rating),
        source: row.source,
        reviewedAt: row.reviewedAt.toISOString(),
        durationMs: row.durationMs,
        before: row.before === null ? null : stateSnapshotSchema.parse(row.before),
        after: stateSnapshotSchema.parse(row.after),
        stateBefore: stateOf(row.stateBefore),
        stateAfter: stateOf(row.stateAfter),
        stabilityAfter: row.stabilityAfter,
        difficultyAfter: row.difficultyAfter,
        scheduledDays: row.scheduledDays,
        elapsedDays: row.elapsedDays,
        undoneAt: row.undoneAt?.toISOString() ?? null,
        createdAt: row.createdAt.toISOString(),
      });
    }

    cursor = batch.at(-1)?.id;

    if (batch.length < LOG_BATCH) break;
  }

  // Chronological order reads naturally in the file; the id order above only
  // serves the batching.
  return logs.sort(
    (a, b) =>
      a.reviewedAt.localeCompare(b.reviewedAt) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}

async function readQuizzes(prisma: PrismaClient, userId: string): Promise<BackupQuiz[]> {
  const quizzes = await prisma.quiz.findMany({
    where: { userId },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    include: { items: { orderBy: { position: "asc" } } },
  });

  return quizzes.map((quiz) => ({
    mode: quiz.mode,
    topicIds: quiz.topicIds,
    length: quiz.length,
    startedAt: quiz.startedAt.toISOString(),
    finishedAt: quiz.finishedAt?.toISOString() ?? null,
    items: quiz.items.map((item) => ({
      cardId: item.cardId,
      position: item.position,
      answer: backupQuizItemSchema.shape.answer.parse(item.answer),
      correct: item.correct,
      durationMs: item.durationMs,
      grade: item.grade === null ? null : gradeOf(item.grade),
      reviewId: item.reviewId,
      answeredAt: item.answeredAt?.toISOString() ?? null,
    })),
  }));
}

function gradeOf(value: number): 1 | 2 | 3 | 4 {
  if (value === 1 || value === 2 || value === 3 || value === 4) return value;

  throw new Error(`rating ${value} is not one of 1–4`);
}

function stateOf(value: number): 0 | 1 | 2 | 3 {
  if (value === 0 || value === 1 || value === 2 || value === 3) return value;

  throw new Error(`card state ${value} is not one of 0–3`);
}
