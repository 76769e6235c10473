import type { SqlExecutor } from "../../lib/db/apply-migrations";

export type SeedOptions = {
  bigUserId: string;
  bigUserCards: number;
  bigUserLogs: number;
  otherUsers: number;
  otherUserStates: number;
  otherUserLogs: number;
};

export type SeedSummary = {
  templateCardId: string;
  benchCards: number;
  users: number;
  cardStates: number;
  reviewLogs: number;
  bigUser: { states: Record<string, number>; dueNow: number; dueWithin30Days: number; logs: number };
  seconds: number;
};

export const BENCH_TOPIC = "bench";

// bench-0001 … bench-5000: zero-padded so the ids sort in card order.
export function benchCardIds(count: number): string[] {
  const width = cardIdWidth(count);

  return Array.from({ length: count }, (_, index) => `bench-${String(index + 1).padStart(width, "0")}`);
}

function cardIdWidth(count: number): number {
  return Math.max(4, String(count).length);
}

// Other users' cards start this far apart, so their slices overlap a little
// the way real decks would, without every user holding the same cards.
const OTHER_USER_STRIDE = 211;

// Same seed, same rows: runs stay comparable.
const RANDOM_SEED = 0.4242;

// Writes a topic of synthetic cards (copies of a real qa card) and, for one
// user, a state per card and a year of review logs; a few other users get
// smaller shares. Everything is set-based SQL so the seed takes seconds.
export async function seedBenchData(executor: SqlExecutor, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  // The SQL twin of benchCardIds, for set-based inserts.
  const width = cardIdWidth(options.bigUserCards);
  const cardId = (n: string) => `'bench-' || lpad((${n})::text, ${width}, '0')`;

  await executor.query("SELECT setseed($1)", [RANDOM_SEED]);

  const template = await executor.query(
    `SELECT id FROM "Card" WHERE kind = 'qa' AND "retiredAt" IS NULL ORDER BY "topicId", position LIMIT 1`,
  );
  const templateCardId = template.rows[0]?.id;

  if (typeof templateCardId !== "string") throw new Error("content/ has no qa card to copy for the bench topic");

  await executor.exec("BEGIN");

  try {
    // Last in deck order, so the real content still supplies the new cards.
    await executor.query(
      `INSERT INTO "Topic" (id, "titleZh", "titleEn", position, "contentHash", "updatedAt")
       SELECT $1, '基准测试', 'Benchmark', coalesce(max(position), 0) + 1, 'bench', now() FROM "Topic"`,
      [BENCH_TOPIC],
    );

    await executor.query(
      `INSERT INTO "Card" (id, "topicId", kind, fields, explanation, section, mistakes, position, "contentHash",
         "updatedAt")
       SELECT ${cardId("i")}, $1, t.kind, t.fields, t.explanation, t.section, t.mistakes, i - 1, t."contentHash", now()
       FROM generate_series(1, $2::int) AS i CROSS JOIN "Card" AS t
       WHERE t.id = $3`,
      [BENCH_TOPIC, options.bigUserCards, templateCardId],
    );

    await executor.query(
      `INSERT INTO "User" (id, email, "passwordHash")
       SELECT gen_random_uuid(), 'bench-other-' || u || '@example.com', main."passwordHash"
       FROM generate_series(1, $2::int) AS u CROSS JOIN "User" AS main
       WHERE main.id = $1::uuid`,
      [options.bigUserId, options.otherUsers],
    );

    await executor.query(cardStatesSql(cardId), [
      options.bigUserId,
      options.bigUserCards,
      options.otherUserStates,
      OTHER_USER_STRIDE,
    ]);

    await executor.query(reviewLogsSql(cardId, BENCH_LOG_TARGETS), [
      options.bigUserId,
      options.bigUserCards,
      options.bigUserLogs,
      options.otherUserStates,
      options.otherUserLogs,
      OTHER_USER_STRIDE,
    ]);

    await executor.exec("COMMIT");
  } catch (error) {
    await executor.exec("ROLLBACK");
    throw error;
  }

  // Fresh statistics, as autovacuum would have them on a database that has
  // been in use; without them the planner guesses on empty tables.
  await executor.exec("ANALYZE");

  return { templateCardId, ...(await summarise(executor, options.bigUserId)), seconds: elapsedSeconds(started) };
}

// The other users, numbered in a stable order, for the two statements below.
const OTHERS = `SELECT id, row_number() OVER (ORDER BY email) AS rank FROM "User" WHERE email LIKE 'bench-other-%'`;

// Card states: 85% review, 10% learning, 5% relearning (by card number, so the
// mix is exact), due spread evenly from 30 days ago to 30 days ahead. A card
// in review was last seen one interval before its due date, always in the past.
function cardStatesSql(cardId: (n: string) => string): string {
  return `
    WITH targets AS (
      SELECT $1::uuid AS user_id, n FROM generate_series(1, $2::int) AS n
      UNION ALL
      SELECT o.id, ((o.rank - 1) * $4::int + k - 1) % $2::int + 1
      FROM (${OTHERS}) AS o CROSS JOIN generate_series(1, $3::int) AS k
    ), drawn AS (
      SELECT user_id, n,
        CASE WHEN n % 20 = 0 THEN 3 WHEN n % 10 = 1 THEN 1 ELSE 2 END AS state,
        random() * 60 - 30 AS due_days, random() AS r1, random() AS r2, random() AS r3, random() AS r4
      FROM targets
    ), shaped AS (
      SELECT *, now() + due_days * interval '1 day' AS due,
        CASE WHEN state = 2 THEN greatest(1, due_days + 0.1) + r1 * 30 ELSE 0 END AS interval_days
      FROM drawn
    )
    INSERT INTO "CardState" (id, "userId", "cardId", state, due, stability, difficulty, "elapsedDays",
      "scheduledDays", "learningSteps", reps, lapses, "lastReview", suspended, leech, version, "updatedAt")
    SELECT gen_random_uuid(), user_id, ${cardId("n")}, state, due,
      CASE WHEN state = 2 THEN interval_days * (0.9 + r2 * 0.2) ELSE 0.5 + r2 * 2.5 END,
      1 + r3 * 9,
      round(interval_days)::int,
      round(interval_days)::int,
      CASE WHEN state = 1 THEN floor(r4 * 2)::int ELSE 0 END,
      2 + floor(r4 * 15)::int,
      CASE WHEN state = 3 THEN 1 + floor(r2 * 2)::int ELSE floor(r3 * 3)::int END,
      CASE WHEN state = 2 THEN due - interval_days * interval '1 day'
        ELSE least(due - interval '10 minutes', now() - interval '1 minute') END,
      false, false, 1, now()
    FROM shaped`;
}

// The main seed's logs: the measured user's, then each other user's slice.
const BENCH_LOG_TARGETS = `
  SELECT $1::uuid AS user_id, (i - 1) % $2::int + 1 AS n, (i - 1) / $2::int AS pass
  FROM generate_series(1, $3::int) AS i
  UNION ALL
  SELECT o.id, ((o.rank - 1) * $6::int + (k - 1) % $4::int) % $2::int + 1, (k - 1) / $4::int
  FROM (${OTHERS}) AS o CROSS JOIN generate_series(1, $5::int) AS k`;

// Brings one user's review logs up to `total`, continuing the numbering of
// the main seed (log i reviews card (i - 1) % cards + 1), so the extra rows
// look like further passes over the same deck. Returns the user's log count.
export async function topUpReviewLogs(
  executor: SqlExecutor,
  options: { userId: string; cards: number; total: number },
): Promise<{ added: number; logs: number; seconds: number }> {
  const started = performance.now();
  const width = cardIdWidth(options.cards);
  const cardId = (n: string) => `'bench-' || lpad((${n})::text, ${width}, '0')`;
  const count = async () => {
    const result = await executor.query(`SELECT count(*)::int AS logs FROM "ReviewLog" WHERE "userId" = $1::uuid`, [
      options.userId,
    ]);

    return Number(result.rows[0]?.logs ?? 0);
  };
  const before = await count();

  if (before >= options.total) return { added: 0, logs: before, seconds: elapsedSeconds(started) };

  await executor.query("SELECT setseed($1)", [RANDOM_SEED]);
  await executor.query(
    reviewLogsSql(
      cardId,
      `SELECT $1::uuid AS user_id, (i - 1) % $2::int + 1 AS n, (i - 1) / $2::int AS pass
       FROM generate_series($3::int + 1, $4::int) AS i`,
    ),
    [options.userId, options.cards, before, options.total],
  );
  // As autovacuum would after a bulk load: the planner must see the grown
  // table, and index-only scans need the visibility map VACUUM sets.
  await executor.exec(`VACUUM ANALYZE "ReviewLog"`);

  const logs = await count();

  return { added: logs - before, logs, seconds: elapsedSeconds(started) };
}

// Review logs over the year before today (none today, so the daily limits
// start untouched whatever the hour the bench runs), in one sitting a day.
// Each card's first log introduces it (no "before"); later ones are reviews
// with full snapshots.
// `targets` yields (user_id, n, pass): which user reviews which card number,
// and how many times before.
function reviewLogsSql(cardId: (n: string) => string, targets: string): string {
  const iso = (expression: string) => `to_char((${expression}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

  return `
    WITH targets AS (${targets}), days AS (
      SELECT *, floor(random() * 364)::int AS day FROM targets
    ), drawn AS (
      SELECT user_id, n, pass,
        -- Learners review in sittings: each day's reviews fall inside one
        -- hour, starting between 18:00 and 22:00 UTC depending on the day.
        date_trunc('day', now()) - (day + 1) * interval '1 day' + (18 + day % 5) * interval '1 hour'
          + random() * interval '1 hour' AS reviewed_at,
        1 + floor(random() * 4)::int AS rating,
        1 + random() * 40 AS stability, 1 + random() * 9 AS difficulty, 1 + floor(random() * 30)::int AS elapsed
      FROM days
    ), shaped AS (
      SELECT *,
        CASE WHEN pass = 0 THEN 0 ELSE 2 END AS state_before,
        CASE WHEN rating > 1 THEN 2 WHEN pass = 0 THEN 1 ELSE 3 END AS state_after
      FROM drawn
    ), scheduled AS (
      SELECT *,
        CASE WHEN state_after = 2 THEN round(stability)::int ELSE 0 END AS scheduled_days,
        CASE WHEN pass = 0 THEN 0 ELSE elapsed END AS elapsed_days
      FROM shaped
    )
    INSERT INTO "ReviewLog" (id, "userId", "cardId", rating, source, "reviewedAt", "durationMs", before, after,
      "stateBefore", "stateAfter", "stabilityAfter", "difficultyAfter", "scheduledDays", "elapsedDays")
    SELECT gen_random_uuid(), user_id, ${cardId("n")}, rating, 'review', reviewed_at,
      2000 + (rating * 1500),
      CASE WHEN pass = 0 THEN NULL ELSE jsonb_build_object(
        'state', 2, 'due', ${iso("reviewed_at")}, 'stability', elapsed * 1.0, 'difficulty', difficulty,
        'elapsedDays', elapsed, 'scheduledDays', elapsed, 'learningSteps', 0, 'reps', pass, 'lapses', 0,
        'lastReview', ${iso("reviewed_at - elapsed * interval '1 day'")},
        'suspended', false, 'leech', false, 'version', pass) END,
      jsonb_build_object(
        'state', state_after,
        'due', ${iso("CASE WHEN state_after = 2 THEN reviewed_at + scheduled_days * interval '1 day' ELSE reviewed_at + interval '10 minutes' END")},
        'stability', stability, 'difficulty', difficulty, 'elapsedDays', elapsed_days,
        'scheduledDays', scheduled_days, 'learningSteps', 0, 'reps', pass + 1,
        'lapses', CASE WHEN state_after = 3 THEN 1 ELSE 0 END, 'lastReview', ${iso("reviewed_at")},
        'suspended', false, 'leech', false, 'version', pass + 1),
      state_before, state_after, stability, difficulty, scheduled_days, elapsed_days
    FROM scheduled`;
}

async function summarise(executor: SqlExecutor, bigUserId: string) {
  const totals = await executor.query(
    `SELECT (SELECT count(*) FROM "Card" WHERE "topicId" = $1)::int AS cards,
            (SELECT count(*) FROM "User")::int AS users,
            (SELECT count(*) FROM "CardState")::int AS states,
            (SELECT count(*) FROM "ReviewLog")::int AS logs,
            (SELECT count(*) FROM "ReviewLog" WHERE "userId" = $2::uuid)::int AS big_logs,
            (SELECT count(*) FROM "CardState" WHERE "userId" = $2::uuid AND due <= now())::int AS due_now,
            (SELECT count(*) FROM "CardState"
              WHERE "userId" = $2::uuid AND due <= now() + interval '30 days')::int AS due_30`,
    [BENCH_TOPIC, bigUserId],
  );
  const byState = await executor.query(
    `SELECT state, count(*)::int AS count FROM "CardState" WHERE "userId" = $1::uuid GROUP BY state ORDER BY state`,
    [bigUserId],
  );
  const row = totals.rows[0] ?? {};
  const names: Record<string, string> = { "0": "new", "1": "learning", "2": "review", "3": "relearning" };
  const states = Object.fromEntries(
    byState.rows.map((entry) => [names[String(entry.state)] ?? String(entry.state), Number(entry.count)]),
  );

  return {
    benchCards: Number(row.cards),
    users: Number(row.users),
    cardStates: Number(row.states),
    reviewLogs: Number(row.logs),
    bigUser: {
      states,
      dueNow: Number(row.due_now),
      dueWithin30Days: Number(row.due_30),
      logs: Number(row.big_logs),
    },
  };
}

function elapsedSeconds(started: number): number {
  return (performance.now() - started) / 1000;
}
