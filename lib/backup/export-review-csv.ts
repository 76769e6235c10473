import type { PrismaClient } from "../generated/prisma/client";

// The columns the FSRS optimizer (fsrs-rs and its Node binding, and the
// Python FSRS Optimizer) reads, in its own names.
export const REVIEW_CSV_HEADER = "card_id,review_time,review_rating,review_state,review_duration";

const BATCH = 5_000;

type CsvRow = { id: string; cardId: string; reviewedAt: Date; rating: number; stateBefore: number; durationMs: number };

// The user's review history for the optimizer, one row per rating that still
// counts (undone ratings are left out), ordered by card and then time.
// review_state is the card's state when it was shown, before the rating
// (0 New, 1 Learning, 2 Review, 3 Relearning): the optimizer documents it as
// the state at the time of review, and ts-fsrs logs the same. Rows are read
// in keyset-paged batches, so memory stays flat for any history length.
export async function* reviewCsvChunks(options: {
  prisma: PrismaClient;
  userId: string;
  batchSize?: number;
}): AsyncGenerator<string> {
  const { prisma, userId } = options;
  const batchSize = options.batchSize ?? BATCH;
  let after: CsvRow | undefined;

  yield `${REVIEW_CSV_HEADER}\n`;

  for (;;) {
    const rows = after
      ? await prisma.$queryRaw<CsvRow[]>`
          SELECT "id", "cardId", "reviewedAt", "rating", "stateBefore", "durationMs"
          FROM "ReviewLog"
          WHERE "userId" = ${userId}::uuid AND "undoneAt" IS NULL
            AND ("cardId", "reviewedAt", "id") > (${after.cardId}, ${after.reviewedAt}::timestamptz, ${after.id}::uuid)
          ORDER BY "cardId", "reviewedAt", "id"
          LIMIT ${batchSize}`
      : await prisma.$queryRaw<CsvRow[]>`
          SELECT "id", "cardId", "reviewedAt", "rating", "stateBefore", "durationMs"
          FROM "ReviewLog"
          WHERE "userId" = ${userId}::uuid AND "undoneAt" IS NULL
          ORDER BY "cardId", "reviewedAt", "id"
          LIMIT ${batchSize}`;

    if (rows.length > 0) yield rows.map(csvLine).join("");

    after = rows.at(-1);

    if (rows.length < batchSize) return;
  }
}

// The same rows as a byte stream for an HTTP response.
export function exportReviewCsv(options: { prisma: PrismaClient; userId: string }): ReadableStream<Uint8Array> {
  const chunks = reviewCsvChunks(options);
  const encoder = new TextEncoder();

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();

      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

function csvLine(row: CsvRow): string {
  return `${csvField(row.cardId)},${row.reviewedAt.getTime()},${row.rating},${row.stateBefore},${row.durationMs}\n`;
}

// RFC 4180: a field holding a comma, quote or line break is quoted, with its
// quotes doubled.
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
