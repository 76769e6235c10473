import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { describe, expect, inject, it } from "vitest";
import type { ErrorCode } from "@/lib/errors";
import type { QueueCard, ReviewQueue } from "@/lib/reviews/get-review-queue";
import type { SuspendedCard } from "@/lib/reviews/list-suspended-cards";
import type { SubmitReviewResult } from "@/lib/reviews/submit-review";
import type { UndoReviewResult } from "@/lib/reviews/undo-review";
import type { Settings } from "@/lib/settings/settings-schema";
import { attemptSignIn, type HttpSession, SESSION_COOKIE, signUp } from "../support/http-session";

const appUrl = inject("appUrl");

const PASSWORD = "correct horse battery staple";
const MINUTE = 60_000;
const BODY_LIMIT_BYTES = 16 * 1024;

type ErrorBody = { error: { code: ErrorCode; message: string; currentVersion?: number } };

type Attempt = { label: string; send: () => Promise<Response>; status: number };

function uniqueEmail(label: string): string {
  return `${label}-${randomUUID()}@example.com`;
}

function newLearner(label: string): Promise<HttpSession> {
  return signUp(appUrl, uniqueEmail(label), PASSWORD);
}

async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();

  expect(response.status, text).toBe(status);

  return JSON.parse(text) as T;
}

async function readQueue(session: HttpSession): Promise<ReviewQueue> {
  return json<ReviewQueue>(await session.get("/api/review/queue?limit=20"), 200);
}

async function queueCard(session: HttpSession, cardId: string): Promise<QueueCard | undefined> {
  const queue = await readQueue(session);

  return queue.cards.find((card) => card.id === cardId);
}

async function firstNewCard(session: HttpSession): Promise<QueueCard> {
  const [card] = (await readQueue(session)).cards;

  if (!card) throw new Error("a new learner's queue is empty; is content/ synced?");
  expect(card).toMatchObject({ stage: "new", version: 0 });

  return card;
}

async function readSettings(session: HttpSession): Promise<Settings> {
  return json<Settings>(await session.get("/api/settings"), 200);
}

async function readSuspended(session: HttpSession): Promise<SuspendedCard[]> {
  return (await json<{ cards: SuspendedCard[] }>(await session.get("/api/cards/suspended"), 200)).cards;
}

function rating(cardId: string, expectedVersion: number, extra: Record<string, unknown> = {}) {
  return { reviewId: randomUUID(), cardId, grade: 3, expectedVersion, durationMs: 4_000, ...extra };
}

// "Again" ten minutes ago puts a new card on its first learning step (one
// minute), so it is already up again and the queue shows its version.
function ratingStillInQueue(cardId: string, expectedVersion: number) {
  return rating(cardId, expectedVersion, {
    grade: 1,
    reviewedAt: new Date(Date.now() - 10 * MINUTE).toISOString(),
  });
}

function sendText(session: HttpSession, method: string, path: string, contentType: string, body: string) {
  return session.raw(path, { method, headers: { "content-type": contentType }, body });
}

// A JSON body over the limit, streamed without a Content-Length header, so
// only the byte count of what arrives can catch it.
function sendStreamed(session: HttpSession, method: string, path: string, value: unknown) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 4096) controller.enqueue(bytes.subarray(at, at + 4096));
      controller.close();
    },
  });
  const init: RequestInit & { duplex: "half" } = {
    method,
    headers: { "content-type": "application/json" },
    body,
    duplex: "half",
  };

  return session.raw(path, init);
}

function padding(): string {
  return "x".repeat(BODY_LIMIT_BYTES + 1);
}

const expectedCode: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

// Sends each attempt, checks its status and error code, and after each one
// runs `unchanged` to check that nothing moved.
async function expectRefusals(attempts: Attempt[], unchanged: (label: string) => Promise<void>) {
  for (const { label, send, status } of attempts) {
    const response = await send();
    const text = await response.text();

    expect(response.status, `${label}: ${text}`).toBe(status);
    expect((JSON.parse(text) as ErrorBody).error.code, label).toBe(expectedCode[status]);

    await unchanged(label);
  }
}

// B has rated the first card once, recently enough that it is up again and
// B's queue shows it at version 1; A is a fresh learner.
async function twoLearnersAfterBRated() {
  const [a, b] = await Promise.all([newLearner("a"), newLearner("b")]);
  const card = await firstNewCard(b);
  const review = ratingStillInQueue(card.id, 0);
  const result = await json<SubmitReviewResult>(await b.post("/api/review", review), 200);

  expect(result.state.version).toBe(1);
  expect(await queueCard(b, card.id)).toMatchObject({ stage: "learning", version: 1 });

  return { a, b, cardId: card.id, review };
}

describe("anonymous requests", () => {
  const cardId = "no-card-needed";
  const progressRoutes: Array<{ label: string; init: RequestInit; path: string }> = [
    { label: "queue", path: "/api/review/queue", init: {} },
    {
      label: "review",
      path: "/api/review",
      init: { method: "POST", body: JSON.stringify(rating(cardId, 0)) },
    },
    { label: "undo", path: "/api/review/undo", init: { method: "POST", body: "{}" } },
    {
      label: "suspend",
      path: "/api/cards/suspend",
      init: { method: "POST", body: JSON.stringify({ cardId, suspended: true }) },
    },
    { label: "suspended list", path: "/api/cards/suspended", init: {} },
    { label: "settings", path: "/api/settings", init: {} },
    {
      label: "settings change",
      path: "/api/settings",
      init: { method: "PATCH", body: JSON.stringify({ dayStartHour: 5 }) },
    },
  ];

  async function expectAllRefused(cookie: string | null) {
    for (const { label, path, init } of progressRoutes) {
      const headers = new Headers({ "content-type": "application/json" });

      if (cookie) headers.set("cookie", cookie);

      const response = await fetch(`${appUrl}${path}`, { ...init, headers, redirect: "manual" });
      const body = (await response.json()) as ErrorBody;

      expect(response.status, label).toBe(401);
      expect(body.error.code, label).toBe("unauthorized");
    }
  }

  it("refuses every progress route without a session, and the home page still works", async () => {
    await expectAllRefused(null);

    const home = await fetch(appUrl);

    expect(home.status).toBe(200);
    expect(home.headers.get("content-type")).toContain("text/html");
  });

  it("refuses a forged session cookie, even one naming a real user", async () => {
    const response = await fetch(`${appUrl}/api/account`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: uniqueEmail("forged"), password: PASSWORD }),
    });
    const { id } = await json<{ id: string }>(response, 201);
    const forged = await encode({ token: { sub: id }, secret: "a key that is not the app's" });

    await expectAllRefused(`${SESSION_COOKIE}=not-a-token`);
    await expectAllRefused(`${SESSION_COOKIE}=${forged}`);
  });
});

describe("one learner's progress is out of another's reach", () => {
  it("shows A the card B rated as new, at A's own version", async () => {
    const { a, b, cardId } = await twoLearnersAfterBRated();

    expect(await queueCard(a, cardId)).toMatchObject({ stage: "new", version: 0 });

    const first = await json<SubmitReviewResult>(await a.post("/api/review", ratingStillInQueue(cardId, 0)), 200);
    const second = await json<SubmitReviewResult>(await a.post("/api/review", ratingStillInQueue(cardId, 1)), 200);

    expect([first.state.version, second.state.version]).toEqual([1, 2]);
    expect(await queueCard(a, cardId)).toMatchObject({ version: 2 });
    expect(await queueCard(b, cardId)).toMatchObject({ stage: "learning", version: 1 });
  });

  it("refuses A replaying B's review id, and B's rating stands", async () => {
    const { a, b, cardId, review } = await twoLearnersAfterBRated();

    const replay = await a.post("/api/review", review);
    const body = await json<ErrorBody & { state?: unknown }>(replay, 409);

    expect(body.error.code).toBe("conflict");
    expect(body.state).toBeUndefined();
    expect(await queueCard(a, cardId)).toMatchObject({ stage: "new", version: 0 });
    expect(await queueCard(b, cardId)).toMatchObject({ stage: "learning", version: 1 });

    const undo = await json<UndoReviewResult>(await b.post("/api/review/undo", { reviewId: review.reviewId }), 200);

    expect(undo).toMatchObject({ reviewId: review.reviewId, cardId, alreadyUndone: false, version: 0, state: null });
  });

  it("does not let A undo B's rating, by id or as A's latest", async () => {
    const { a, b, cardId, review } = await twoLearnersAfterBRated();

    const byId = await json<ErrorBody>(await a.post("/api/review/undo", { reviewId: review.reviewId }), 404);
    const latest = await json<ErrorBody>(await a.post("/api/review/undo", {}), 404);

    expect([byId.error.code, latest.error.code]).toEqual(["not_found", "not_found"]);
    expect(await queueCard(b, cardId)).toMatchObject({ stage: "learning", version: 1 });

    const undo = await json<UndoReviewResult>(await b.post("/api/review/undo", { reviewId: review.reviewId }), 200);

    expect(undo).toMatchObject({ reviewId: review.reviewId, alreadyUndone: false, version: 0 });
  });

  it("suspends the card for A only", async () => {
    const { a, b, cardId } = await twoLearnersAfterBRated();

    const suspended = await a.post("/api/cards/suspend", { cardId, suspended: true });

    expect(await json(suspended, 200)).toMatchObject({ cardId, suspended: true });
    expect((await readSuspended(a)).map((card) => card.cardId)).toEqual([cardId]);
    expect(await queueCard(a, cardId)).toBeUndefined();
    expect(await readSuspended(b)).toEqual([]);
    expect(await queueCard(b, cardId)).toMatchObject({ stage: "learning", version: 1 });

    const rated = await json<SubmitReviewResult>(await b.post("/api/review", rating(cardId, 1)), 200);

    expect(rated.state).toMatchObject({ version: 2, suspended: false });
  });

  it("keeps A's settings change away from B's settings", async () => {
    const [a, b] = await Promise.all([newLearner("a"), newLearner("b")]);
    const before = await readSettings(b);
    const change = {
      timeZone: "Asia/Shanghai",
      dayStartHour: 9,
      desiredRetention: 0.8,
      learningSteps: "2m 20m",
      newPerDay: 7,
    };

    expect(await json(await a.patch("/api/settings", change), 200)).toMatchObject(change);
    expect(await readSettings(a)).toMatchObject(change);
    expect(await readSettings(b)).toEqual(before);
  });
});

describe("malformed and oversized requests", () => {
  it("refuses bad review bodies without touching the card or using the review id", async () => {
    const learner = await newLearner("bad-review");
    const card = await firstNewCard(learner);
    const valid = rating(card.id, 0);
    const post = (body: unknown) => learner.post("/api/review", body);
    const { cardId: _cardId, ...withoutCard } = valid;
    const attempts: Attempt[] = [
      {
        label: "invalid JSON",
        send: () => sendText(learner, "POST", "/api/review", "application/json", '{"reviewId": '),
        status: 400,
      },
      {
        label: "text content type",
        send: () => sendText(learner, "POST", "/api/review", "text/plain", JSON.stringify(valid)),
        status: 415,
      },
      {
        label: "form content type",
        send: () =>
          sendText(learner, "POST", "/api/review", "application/x-www-form-urlencoded", JSON.stringify(valid)),
        status: 415,
      },
      { label: "over 16 KB", send: () => post({ ...valid, note: padding() }), status: 413 },
      {
        label: "over 16 KB with no length",
        send: () => sendStreamed(learner, "POST", "/api/review", { ...valid, note: padding() }),
        status: 413,
      },
      { label: "grade 5", send: () => post({ ...valid, grade: 5 }), status: 400 },
      { label: "grade 0", send: () => post({ ...valid, grade: 0 }), status: 400 },
      { label: "grade as text", send: () => post({ ...valid, grade: "3" }), status: 400 },
      { label: "expectedVersion -1", send: () => post({ ...valid, expectedVersion: -1 }), status: 400 },
      { label: "expectedVersion 0.5", send: () => post({ ...valid, expectedVersion: 0.5 }), status: 400 },
      { label: "reviewId not a uuid", send: () => post({ ...valid, reviewId: "review-1" }), status: 400 },
      { label: "no cardId", send: () => post(withoutCard), status: 400 },
      { label: "durationMs -1", send: () => post({ ...valid, durationMs: -1 }), status: 400 },
      { label: "reviewedAt not a time", send: () => post({ ...valid, reviewedAt: "yesterday" }), status: 400 },
      { label: "an array", send: () => post([valid]), status: 400 },
      { label: "null", send: () => post(null), status: 400 },
      { label: "unknown card", send: () => post({ ...valid, cardId: "no-such-card" }), status: 404 },
    ];

    await expectRefusals(attempts, async (label) => {
      expect(await queueCard(learner, card.id), label).toMatchObject({ stage: "new", version: 0 });
    });

    const saved = await json<SubmitReviewResult>(await post(valid), 200);

    expect(saved).toMatchObject({ reviewId: valid.reviewId, replayed: false, state: { version: 1 } });
  });

  it("refuses a stale expectedVersion with the current version, and saves nothing", async () => {
    const learner = await newLearner("stale");
    const card = await firstNewCard(learner);

    await json(await learner.post("/api/review", ratingStillInQueue(card.id, 0)), 200);

    const tooOld = ratingStillInQueue(card.id, 0);
    const tooNew = ratingStillInQueue(card.id, 2);

    for (const stale of [tooOld, tooNew]) {
      const body = await json<ErrorBody>(await learner.post("/api/review", stale), 409);

      expect(body.error).toMatchObject({ code: "conflict", currentVersion: 1 });
      expect(await queueCard(learner, card.id)).toMatchObject({ stage: "learning", version: 1 });
    }

    const retried = await json<SubmitReviewResult>(
      await learner.post("/api/review", { ...tooOld, expectedVersion: 1 }),
      200,
    );

    expect(retried).toMatchObject({ replayed: false, state: { version: 2 } });
  });

  it("refuses bad settings changes and keeps every setting as it was", async () => {
    const learner = await newLearner("bad-settings");
    const before = await readSettings(learner);
    const patch = (body: unknown) => learner.patch("/api/settings", body);
    const attempts: Attempt[] = [
      { label: "unknown key", send: () => patch({ theme: "dark" }), status: 400 },
      { label: "dayStartHour 24", send: () => patch({ dayStartHour: 24 }), status: 400 },
      { label: "dayStartHour -1", send: () => patch({ dayStartHour: -1 }), status: 400 },
      { label: "dayStartHour 4.5", send: () => patch({ dayStartHour: 4.5 }), status: 400 },
      { label: "dayStartHour as text", send: () => patch({ dayStartHour: "5" }), status: 400 },
      { label: "desiredRetention 2", send: () => patch({ desiredRetention: 2 }), status: 400 },
      { label: "desiredRetention 0", send: () => patch({ desiredRetention: 0 }), status: 400 },
      { label: 'learningSteps "abc"', send: () => patch({ learningSteps: "abc" }), status: 400 },
      { label: 'relearningSteps "10x"', send: () => patch({ relearningSteps: "10x" }), status: 400 },
      { label: "unknown time zone", send: () => patch({ timeZone: "Mars/Olympus_Mons" }), status: 400 },
      { label: "unknown language", send: () => patch({ language: "fr" }), status: 400 },
      { label: "newPerDay -1", send: () => patch({ newPerDay: -1 }), status: 400 },
      { label: "maximumInterval 0", send: () => patch({ maximumInterval: 0 }), status: 400 },
      {
        label: "one good and one bad field",
        send: () => patch({ dayStartHour: 6, desiredRetention: 2 }),
        status: 400,
      },
      {
        label: "invalid JSON",
        send: () => sendText(learner, "PATCH", "/api/settings", "application/json", "{dayStartHour: 6}"),
        status: 400,
      },
      {
        label: "text content type",
        send: () => sendText(learner, "PATCH", "/api/settings", "text/plain", '{"dayStartHour": 6}'),
        status: 415,
      },
      { label: "over 16 KB", send: () => patch({ learningSteps: padding() }), status: 413 },
    ];

    await expectRefusals(attempts, async (label) => {
      expect(await readSettings(learner), label).toEqual(before);
    });

    expect(await json(await patch({ dayStartHour: 6 }), 200)).toMatchObject({ dayStartHour: 6 });
  });

  it("refuses bad suspend, undo and queue requests and changes nothing", async () => {
    const learner = await newLearner("bad-other");
    const card = await firstNewCard(learner);
    const suspend = (body: unknown) => learner.post("/api/cards/suspend", body);
    const undo = (body: unknown) => learner.post("/api/review/undo", body);
    const attempts: Attempt[] = [
      { label: "suspend without suspended", send: () => suspend({ cardId: card.id }), status: 400 },
      { label: "suspended as text", send: () => suspend({ cardId: card.id, suspended: "yes" }), status: 400 },
      {
        label: "suspend with an extra field",
        send: () => suspend({ cardId: card.id, suspended: true, userId: randomUUID() }),
        status: 400,
      },
      { label: "suspend an empty card id", send: () => suspend({ cardId: "", suspended: true }), status: 400 },
      {
        label: "suspend an unknown card",
        send: () => suspend({ cardId: "no-such-card", suspended: true }),
        status: 404,
      },
      {
        label: "suspend sent as text/plain",
        send: () => sendText(learner, "POST", "/api/cards/suspend", "text/plain", JSON.stringify({ cardId: card.id })),
        status: 415,
      },
      {
        label: "suspend over 16 KB",
        send: () => suspend({ cardId: card.id, suspended: true, note: padding() }),
        status: 413,
      },
      { label: "undo a reviewId that is not a uuid", send: () => undo({ reviewId: "last" }), status: 400 },
      { label: "undo with an extra field", send: () => undo({ all: true }), status: 400 },
      { label: "undo an unknown review", send: () => undo({ reviewId: randomUUID() }), status: 404 },
      { label: "undo with nothing to undo", send: () => undo({}), status: 404 },
      {
        label: "undo with invalid JSON",
        send: () => sendText(learner, "POST", "/api/review/undo", "application/json", "undo"),
        status: 400,
      },
      { label: "queue limit 0", send: () => learner.get("/api/review/queue?limit=0"), status: 400 },
      { label: "queue limit 21", send: () => learner.get("/api/review/queue?limit=21"), status: 400 },
      { label: "queue limit as words", send: () => learner.get("/api/review/queue?limit=all"), status: 400 },
    ];

    await expectRefusals(attempts, async (label) => {
      expect(await readSuspended(learner), label).toEqual([]);
      expect(await queueCard(learner, card.id), label).toMatchObject({ stage: "new", version: 0 });
    });

    const suspended = await json(await suspend({ cardId: card.id, suspended: true }), 200);

    expect(suspended).toMatchObject({ cardId: card.id, suspended: true, version: 1 });
  });
});

describe("a replayed review id", () => {
  it("applies once: the second save answers replayed with the first result", async () => {
    const learner = await newLearner("replay");
    const card = await firstNewCard(learner);
    const before = await readQueue(learner);
    const review = rating(card.id, 0);

    const first = await json<SubmitReviewResult>(await learner.post("/api/review", review), 200);
    const second = await json<SubmitReviewResult>(await learner.post("/api/review", review), 200);
    const changed = await json<SubmitReviewResult>(await learner.post("/api/review", { ...review, grade: 1 }), 200);

    expect(first).toMatchObject({ replayed: false, state: { version: 1 } });
    expect(second).toEqual({ ...first, replayed: true });
    expect(changed).toEqual({ ...first, replayed: true });
    expect((await readQueue(learner)).remaining.new).toBe(before.remaining.new - 1);

    const undone = await json<UndoReviewResult>(await learner.post("/api/review/undo", {}), 200);

    expect(undone).toMatchObject({ reviewId: review.reviewId, alreadyUndone: false, version: 0 });
    expect(await json<ErrorBody>(await learner.post("/api/review/undo", {}), 404)).toMatchObject({
      error: { code: "not_found" },
    });
    expect((await readQueue(learner)).remaining.new).toBe(before.remaining.new);
  });
});

describe("sign-in throttling", () => {
  // An address of its own, so this test's failures never count against the
  // address every other test signs in from.
  const address = "198.51.100.23";

  it("refuses even the right password after five wrong ones for the account", async () => {
    const email = uniqueEmail("throttled");

    await signUp(appUrl, email, PASSWORD, { address });

    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await attemptSignIn(appUrl, email, `${PASSWORD} ${attempt}`, { address });

      expect(wrong, `wrong password ${attempt}`).toMatchObject({ ok: false, status: 401, error: "CredentialsSignin" });
    }

    const right = await attemptSignIn(appUrl, email, PASSWORD, { address });

    expect(right).toMatchObject({ ok: false, status: 401, error: "throttled" });

    const other = await signUp(appUrl, uniqueEmail("neighbour"), PASSWORD, { address });

    expect(await json(await other.get("/api/settings"), 200)).toMatchObject({ timeZone: "UTC" });
  });
});

describe("after every request above", () => {
  it("the server is still healthy", async () => {
    const response = await fetch(`${appUrl}/api/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });
});
