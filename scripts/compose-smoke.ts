import { randomBytes, randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { z } from "zod";
import { logger } from "../lib/log";

// Usage: tsx scripts/compose-smoke.ts save|verify --state FILE [--url http://localhost:3000]
//
// Drives a running Ebb over HTTP the way a browser would, for
// scripts/test-compose.sh. `save` signs a new user up, signs in and rates two
// cards, and writes what it did to FILE. `verify`, run after the stack was
// taken down and started again, reads FILE and checks that the user can still
// sign in and that both ratings are still stored.

const REQUEST_TIMEOUT_MS = 15_000;

const SESSION_COOKIE = "next-auth.session-token";

const REVIEWS_TO_SAVE = 2;

// "Again": the card stays in learning, due within minutes, so it is still in
// today's queue (with its new version) when verify looks.
const GRADE_AGAIN = 1;

const log = logger.child({ component: "compose-smoke" });

const savedReviewSchema = z.object({
  reviewId: z.uuid(),
  cardId: z.string(),
  grade: z.number().int(),
  expectedVersion: z.number().int(),
  durationMs: z.number().int(),
  version: z.number().int(),
});

const smokeStateSchema = z.object({
  email: z.string(),
  password: z.string(),
  reviews: z.array(savedReviewSchema),
});

type SmokeState = z.infer<typeof smokeStateSchema>;

const queueSchema = z.object({
  cards: z.array(z.object({ id: z.string(), version: z.number().int(), stage: z.string() })),
  remaining: z.object({ new: z.number(), learning: z.number(), review: z.number() }),
});

const reviewResultSchema = z.object({
  replayed: z.boolean(),
  state: z.object({ version: z.number().int() }),
});

class SmokeFailure extends Error {
  override name = "SmokeFailure";
}

// A cookie jar just big enough for next-auth: name=value pairs, no paths or expiry.
class Session {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  async request(path: string, init: { method?: string; json?: unknown; form?: Record<string, string> } = {}) {
    const headers: Record<string, string> = {};

    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    }

    let body: string | undefined;

    if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }

    const response = await fetch(new URL(path, this.baseUrl), {
      method: init.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });

    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const separator = pair.indexOf("=");

      if (separator > 0) this.cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
    }

    const text = await response.text();

    return { status: response.status, text, json: () => parseJson(text, path) };
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SmokeFailure(`${path} did not answer JSON: ${text.slice(0, 200)}`);
  }
}

function expectStatus(result: { status: number; text: string }, expected: number, what: string): void {
  if (result.status !== expected) {
    throw new SmokeFailure(`${what}: expected HTTP ${expected}, got ${result.status}: ${result.text.slice(0, 300)}`);
  }
}

async function signIn(session: Session, email: string, password: string): Promise<void> {
  const csrf = await session.request("/api/auth/csrf");

  expectStatus(csrf, 200, "GET /api/auth/csrf");

  const { csrfToken } = z.object({ csrfToken: z.string() }).parse(csrf.json());
  const callback = await session.request("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });

  if (!session.has(SESSION_COOKIE)) {
    throw new SmokeFailure(
      `sign-in as ${email} set no ${SESSION_COOKIE} cookie (HTTP ${callback.status}: ${callback.text.slice(0, 300)})`,
    );
  }

  const current = await session.request("/api/auth/session");
  const user = z.object({ user: z.object({ email: z.string() }).optional() }).parse(current.json()).user;

  if (user?.email !== email) throw new SmokeFailure(`after sign-in the session is not ${email}: ${current.text}`);

  log.info("signed in", { email });
}

async function readQueue(session: Session, limit: number) {
  const queue = await session.request(`/api/review/queue?limit=${limit}`);

  expectStatus(queue, 200, "GET /api/review/queue");

  return queueSchema.parse(queue.json());
}

async function save(baseUrl: string, stateFile: string): Promise<void> {
  const email = `compose-smoke-${Date.now()}@example.test`;
  // Made for this run only; it goes into the state file for verify.
  const password = randomBytes(12).toString("base64url");
  const session = new Session(baseUrl);

  const account = await session.request("/api/account", { json: { email, password, timeZone: "UTC" } });

  expectStatus(account, 201, "POST /api/account");
  log.info("signed up", { email });

  await signIn(session, email, password);

  const queue = await readQueue(session, 5);
  const cards = queue.cards.slice(0, REVIEWS_TO_SAVE);

  if (cards.length < REVIEWS_TO_SAVE) {
    throw new SmokeFailure(
      `the queue of a new user has ${queue.cards.length} cards; expected at least ${REVIEWS_TO_SAVE}`,
    );
  }

  const state: SmokeState = { email, password, reviews: [] };

  for (const card of cards) {
    const review = {
      reviewId: randomUUID(),
      cardId: card.id,
      grade: GRADE_AGAIN,
      expectedVersion: card.version,
      durationMs: 1_500,
    };
    const saved = await session.request("/api/review", { json: review });

    expectStatus(saved, 200, `POST /api/review for ${card.id}`);

    const result = reviewResultSchema.parse(saved.json());

    state.reviews.push({ ...review, version: result.state.version });
    log.info("review saved", { cardId: card.id, version: result.state.version });
  }

  await writeFile(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
}

async function verify(baseUrl: string, stateFile: string): Promise<void> {
  const state = smokeStateSchema.parse(JSON.parse(await readFile(stateFile, "utf8")));
  const session = new Session(baseUrl);

  await signIn(session, state.email, state.password);

  // Sending a saved review again must find the stored one: the server answers
  // with the state it saved then, marked as a replay, and changes nothing.
  for (const { version, ...review } of state.reviews) {
    const replay = await session.request("/api/review", { json: review });

    expectStatus(replay, 200, `POST /api/review (replay) for ${review.cardId}`);

    const result = reviewResultSchema.parse(replay.json());

    if (!result.replayed || result.state.version !== version) {
      throw new SmokeFailure(
        `review ${review.reviewId} of ${review.cardId} was not found as saved ` +
          `(replayed: ${result.replayed}, version ${result.state.version}, expected ${version})`,
      );
    }
  }

  const queue = await readQueue(session, 20);

  if (queue.remaining.learning < state.reviews.length) {
    throw new SmokeFailure(
      `the queue counts ${queue.remaining.learning} cards in learning; the saved reviews put ${state.reviews.length} there`,
    );
  }

  for (const saved of state.reviews) {
    const shown = queue.cards.find((card) => card.id === saved.cardId);

    if (shown && (shown.version !== saved.version || shown.stage === "new")) {
      throw new SmokeFailure(
        `the queue shows ${saved.cardId} at version ${shown.version} (${shown.stage}); saved was version ${saved.version}`,
      );
    }
  }

  log.info("user and reviews found", {
    email: state.email,
    reviews: state.reviews.map((review) => ({ cardId: review.cardId, version: review.version })),
    learning: queue.remaining.learning,
  });
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);

  return index > 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  const stateFile = option("--state");
  const baseUrl = option("--url") ?? "http://localhost:3000";

  if ((mode !== "save" && mode !== "verify") || !stateFile) {
    throw new SmokeFailure("usage: tsx scripts/compose-smoke.ts save|verify --state FILE [--url URL]");
  }

  if (mode === "save") await save(baseUrl, stateFile);
  else await verify(baseUrl, stateFile);
}

main().catch((error: unknown) => {
  log.error("smoke test failed", { error: error instanceof SmokeFailure ? error.message : error });
  process.exitCode = 1;
});
