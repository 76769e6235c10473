import { randomUUID } from "node:crypto";
import { AppError } from "../errors";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { type Backup, backupSchema } from "./backup-schema";

export type RestoreBackupResult = { cardStates: number; reviewLogs: number; quizzes: number };

const INSERT_BATCH = 1_000;
const LISTED_ISSUES = 10;
const LISTED_CARDS = 50;
const TRANSACTION_TIMEOUT_MS = 5 * 60_000;

// Loads a backup into an account that has no progress yet, all or nothing.
// Review logs, quizzes and quiz items get new ids: their old ids may still
// belong to the account the backup came from, on this very database. Cards
// the deck no longer has are refused rather than skipped, so a restore never
// silently drops history.
export async function restoreBackup(options: {
  prisma: PrismaClient;
  userId: string;
  backup: unknown;
}): Promise<RestoreBackupResult> {
  const { prisma, userId } = options;
  const backup = parseBackup(options.backup);

  await refuseUnknownCards(prisma, backup);

  try {
    await prisma.$transaction(
      async (tx) => {
        // Holding the user row serialises two restores into the same account.
        const users = await tx.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM "User" WHERE "id" = ${userId}::uuid FOR UPDATE`;

        if (users.length === 0) throw new AppError("unauthorized", "the account for this session no longer exists");

        await refuseUnlessFresh(tx, userId);
        await writeBackup(tx, userId, backup);
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
    );
  } catch (error) {
    // A review saved while the restore ran takes the same card row.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "the account gained progress while restoring; nothing was restored");
    }

    throw error;
  }

  return { cardStates: backup.cardStates.length, reviewLogs: backup.reviewLogs.length, quizzes: backup.quizzes.length };
}

function parseBackup(input: unknown): Backup {
  const parsed = backupSchema.safeParse(input);

  if (parsed.success) return parsed.data;

  const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "backup"}: ${issue.message}`);
  const shown = issues.slice(0, LISTED_ISSUES).join("; ");
  const more = issues.length > LISTED_ISSUES ? ` (and ${issues.length - LISTED_ISSUES} more)` : "";

  throw new AppError("bad_request", `this is not a valid Ebb backup: ${shown}${more}`, {
    data: { issues: issues.slice(0, LISTED_ISSUES) },
  });
}

async function refuseUnknownCards(prisma: PrismaClient, backup: Backup) {
  const named = new Set<string>([
    ...backup.cardStates.map((state) => state.cardId),
    ...backup.reviewLogs.map((log) => log.cardId),
    ...backup.quizzes.flatMap((quiz) => quiz.items.map((item) => item.cardId)),
  ]);

  if (named.size === 0) return;

  // Retired cards still exist and keep their history; only cards the deck
  // never had (or has deleted) cannot hold progress.
  const known = await prisma.card.findMany({ where: { id: { in: [...named] } }, select: { id: true } });
  const knownIds = new Set(known.map((card) => card.id));
  const unknown = [...named].filter((id) => !knownIds.has(id)).sort();

  if (unknown.length === 0) return;

  const listed = unknown.slice(0, LISTED_CARDS).join(", ");
  const more = unknown.length > LISTED_CARDS ? ` and ${unknown.length - LISTED_CARDS} more` : "";

  throw new AppError("bad_request", `the backup names cards this deck does not have: ${listed}${more}`, {
    data: { unknownCardIds: unknown.slice(0, LISTED_CARDS), unknownCardCount: unknown.length },
  });
}

type Transaction = Prisma.TransactionClient;

async function refuseUnlessFresh(tx: Transaction, userId: string) {
  const [states, logs, quizzes] = await Promise.all([
    tx.cardState.count({ where: { userId } }),
    tx.reviewLog.count({ where: { userId } }),
    tx.quiz.count({ where: { userId } }),
  ]);

  if (states + logs + quizzes > 0) {
    throw new AppError("conflict", "a backup can only be restored into an account without progress", {
      data: { cardStates: states, reviewLogs: logs, quizzes },
    });
  }
}

async function writeBackup(tx: Transaction, userId: string, backup: Backup) {
  const reviewIds = new Map(backup.reviewLogs.map((log) => [log.id, randomUUID()]));

  await tx.user.update({ where: { id: userId }, data: backup.settings, select: { id: true } });

  for (const batch of chunks(backup.cardStates)) {
    await tx.cardState.createMany({
      data: batch.map((state) => ({
        ...state,
        userId,
        due: new Date(state.due),
        lastReview: state.lastReview ? new Date(state.lastReview) : null,
      })),
    });
  }

  for (const batch of chunks(backup.reviewLogs)) {
    await tx.reviewLog.createMany({
      data: batch.map((log) => ({
        ...log,
        id: newId(reviewIds, log.id),
        userId,
        before: log.before ?? Prisma.DbNull,
        reviewedAt: new Date(log.reviewedAt),
        undoneAt: log.undoneAt ? new Date(log.undoneAt) : null,
        createdAt: new Date(log.createdAt),
      })),
    });
  }

  const quizzes = backup.quizzes.map((quiz) => ({ ...quiz, id: randomUUID() }));

  for (const batch of chunks(quizzes)) {
    await tx.quiz.createMany({
      data: batch.map(({ items: _items, ...quiz }) => ({
        ...quiz,
        userId,
        startedAt: new Date(quiz.startedAt),
        finishedAt: quiz.finishedAt ? new Date(quiz.finishedAt) : null,
      })),
    });
  }

  const items = quizzes.flatMap((quiz) => quiz.items.map((item) => ({ ...item, quizId: quiz.id })));

  for (const batch of chunks(items)) {
    await tx.quizItem.createMany({
      data: batch.map((item) => ({
        ...item,
        id: randomUUID(),
        answer: item.answer ?? Prisma.DbNull,
        reviewId: item.reviewId === null ? null : newId(reviewIds, item.reviewId),
        answeredAt: item.answeredAt ? new Date(item.answeredAt) : null,
      })),
    });
  }
}

function newId(ids: Map<string, string>, oldId: string): string {
  const id = ids.get(oldId);

  // The schema already checked that every quiz item names a review in the
  // backup, so this only guards against a change that breaks that check.
  if (!id) throw new Error(`review ${oldId} has no new id`);

  return id;
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += INSERT_BATCH) yield rows.slice(start, start + INSERT_BATCH);
}
