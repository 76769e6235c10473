import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { checkQuizAnswer } from "@/lib/quiz/check-quiz-answer";
import { getQuiz } from "@/lib/quiz/get-quiz";
import type { QuizAnswer } from "@/lib/quiz/quiz-answer-schema";
import { ASK_AGAIN_AFTER, saveQuizGrade } from "@/lib/quiz/save-quiz-grade";
import { startQuiz } from "@/lib/quiz/start-quiz";
import { submitReview } from "@/lib/reviews/submit-review";
import { prepareDatabase } from "@/lib/startup/prepare-database";
import { createLearner } from "../support/learners";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const T0 = new Date("2026-04-01T10:00:00Z");
const MINUTE = 60_000;

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.database);
});

afterAll(async () => {
  await db?.drop();
});

const prisma = () => db.database.prisma;

function newUser() {
  return createLearner(prisma());
}

async function itemsOf(userId: string, quizId: string) {
  return (await getQuiz({ prisma: prisma(), userId, quizId, locale: "zh" })).items;
}

// Answers a question right or wrong in the shape its kind takes; self-graded
// kinds carry the learner's verdict.
async function answer(userId: string, quizId: string, itemId: string, correct: boolean) {
  const item = await prisma().quizItem.findUniqueOrThrow({ where: { id: itemId }, include: { card: true } });
  const fields = item.card.fields as Record<string, unknown>;
  const given = answerFor(item.card.kind, fields, correct);

  return checkQuizAnswer({ prisma: prisma(), userId, quizId, itemId, answer: given, durationMs: 5_000, locale: "zh" });
}

function answerFor(kind: string, fields: Record<string, unknown>, correct: boolean): QuizAnswer {
  const steps = (fields.steps as string[] | undefined) ?? [];
  const options = (fields.options as string[] | undefined) ?? [];
  const errorLine = Number(fields.errorLine);

  switch (kind) {
    case "choice":
      return { kind: "choice", option: correct ? Number(fields.answer) : (Number(fields.answer) + 1) % options.length };
    case "truefalse":
      return { kind: "truefalse", value: correct ? Boolean(fields.answer) : !fields.answer };
    case "typing":
      return { kind: "typing", text: correct ? String(fields.answer) : "echo wrong" };
    case "order":
      return { kind: "order", order: steps.map((_, i) => (correct ? i : steps.length - 1 - i)) };
    case "spot_error":
      return { kind: "spot_error", line: correct ? errorLine : errorLine === 1 ? 2 : 1 };
    default:
      return { kind: "self", correct };
  }
}

describe("quiz answers feed the scheduler", () => {
  it("changes the schedule exactly as the same rating in the daily review does", async () => {
    const [reviewer, quizzer] = [await newUser(), await newUser()];
    const { quizId } = await startQuiz({
      prisma: prisma(),
      userId: quizzer.id,
      input: { mode: "topics", topicIds: ["volumes"], length: 10 },
      now: T0,
    });
    const [first] = await itemsOf(quizzer.id, quizId);

    if (!first) throw new Error("the quiz has no items");

    await answer(quizzer.id, quizId, first.itemId, true);
    await saveQuizGrade({
      prisma: prisma(),
      userId: quizzer.id,
      quizId,
      itemId: first.itemId,
      grade: 3,
      reviewId: randomUUID(),
      now: T0,
    });
    await submitReview({
      prisma: prisma(),
      userId: reviewer.id,
      cardId: first.cardId,
      reviewId: randomUUID(),
      grade: 3,
      expectedVersion: 0,
      durationMs: 5_000,
      source: "review",
      reviewedAt: T0,
    });

    const pick = ({ id: _id, userId: _user, updatedAt: _updated, ...rest }: Record<string, unknown>) => rest;
    const [fromQuiz, fromReview] = await Promise.all(
      [quizzer.id, reviewer.id].map((userId) =>
        prisma().cardState.findUniqueOrThrow({ where: { userId_cardId: { userId, cardId: first.cardId } } }),
      ),
    );

    expect(pick(fromQuiz as unknown as Record<string, unknown>)).toEqual(
      pick(fromReview as unknown as Record<string, unknown>),
    );

    const log = await prisma().reviewLog.findFirstOrThrow({ where: { userId: quizzer.id } });

    expect(log).toMatchObject({ source: "quiz", rating: 3, cardId: first.cardId });
  });

  it("saves a replayed grade once and refuses a second grade for the same question", async () => {
    const user = await newUser();
    const { quizId } = await startQuiz({
      prisma: prisma(),
      userId: user.id,
      input: { mode: "topics", topicIds: ["gpu-vllm"], length: 10 },
      now: T0,
    });
    const [first] = await itemsOf(user.id, quizId);
    const reviewId = randomUUID();

    if (!first) throw new Error("the quiz has no items");

    await answer(user.id, quizId, first.itemId, false);

    const save = () =>
      saveQuizGrade({ prisma: prisma(), userId: user.id, quizId, itemId: first.itemId, grade: 1, reviewId, now: T0 });

    await save();
    await save();

    expect(await prisma().reviewLog.count({ where: { userId: user.id } })).toBe(1);
    await expect(
      saveQuizGrade({
        prisma: prisma(),
        userId: user.id,
        quizId,
        itemId: first.itemId,
        grade: 3,
        reviewId: randomUUID(),
        now: T0,
      }),
    ).rejects.toSatisfy((error) => error instanceof AppError && error.code === "conflict");
  });

  it("keeps another user out of a quiz", async () => {
    const [owner, other] = [await newUser(), await newUser()];
    const { quizId } = await startQuiz({
      prisma: prisma(),
      userId: owner.id,
      input: { mode: "mistakes", topicIds: [], length: 10 },
      now: T0,
    });
    const [first] = await itemsOf(owner.id, quizId);

    await expect(getQuiz({ prisma: prisma(), userId: other.id, quizId, locale: "zh" })).rejects.toBeInstanceOf(
      AppError,
    );
    await expect(answer(other.id, quizId, first?.itemId ?? "", true)).rejects.toBeInstanceOf(AppError);
  });
});

describe("a quiz's questions", () => {
  it("name their topic in the language asked for", async () => {
    const user = await newUser();
    const { quizId } = await startQuiz({
      prisma: prisma(),
      userId: user.id,
      input: { mode: "topics", topicIds: ["volumes"], length: 10 },
      now: T0,
    });
    const topic = await prisma().topic.findUniqueOrThrow({ where: { id: "volumes" } });
    const inEnglish = await getQuiz({ prisma: prisma(), userId: user.id, quizId, locale: "en" });

    expect(new Set((await itemsOf(user.id, quizId)).map((item) => item.topicTitle))).toEqual(new Set([topic.titleZh]));
    expect(new Set(inEnglish.items.map((item) => item.topicTitle))).toEqual(new Set([topic.titleEn]));
    expect(topic.titleZh).not.toBe(topic.titleEn);
  });
});

describe("the misconception drill", () => {
  it("asks the mistakes answered wrong most recently first", async () => {
    const user = await newUser();
    const mistakeCards = await prisma().card.findMany({
      where: { NOT: { mistakes: { isEmpty: true } } },
      orderBy: { id: "asc" },
      take: 2,
    });
    const [older, newer] = mistakeCards;

    if (!older || !newer) throw new Error("the deck has no mistake cards");

    for (const [card, at] of [
      [older, new Date(T0.getTime() - 2 * MINUTE * 60)],
      [newer, new Date(T0.getTime() - MINUTE * 60)],
    ] as const) {
      await submitReview({
        prisma: prisma(),
        userId: user.id,
        cardId: card.id,
        reviewId: randomUUID(),
        grade: 1,
        expectedVersion: 0,
        durationMs: 1_000,
        source: "review",
        reviewedAt: at,
      });
    }

    const { quizId } = await startQuiz({
      prisma: prisma(),
      userId: user.id,
      input: { mode: "mistakes", topicIds: [], length: 10 },
      now: T0,
    });
    const items = await itemsOf(user.id, quizId);

    expect(items.slice(0, 2).map((item) => item.cardId)).toEqual([newer.id, older.id]);
    expect(items).toHaveLength(10);
  });

  it("asks a missed misconception again after a few other questions, until it is answered right", async () => {
    const user = await newUser();
    const { quizId } = await startQuiz({
      prisma: prisma(),
      userId: user.id,
      input: { mode: "mistakes", topicIds: [], length: 10 },
      now: T0,
    });
    const [first] = await itemsOf(user.id, quizId);

    if (!first) throw new Error("the quiz has no items");

    await answer(user.id, quizId, first.itemId, false);

    const saved = await saveQuizGrade({
      prisma: prisma(),
      userId: user.id,
      quizId,
      itemId: first.itemId,
      grade: 1,
      reviewId: randomUUID(),
      now: T0,
    });
    const after = await itemsOf(user.id, quizId);
    const pending = after.filter((item) => item.grade === null);

    expect(saved.askedAgain).toBe(true);
    expect(after).toHaveLength(11);
    expect(pending.findIndex((item) => item.cardId === first.cardId)).toBe(ASK_AGAIN_AFTER);

    // Answer everything right from here: the missed card is met once more and
    // then the drill ends.
    for (let guard = 0; guard < 20; guard++) {
      const next = (await itemsOf(user.id, quizId)).find((item) => item.grade === null);

      if (!next) break;

      await answer(user.id, quizId, next.itemId, true);
      await saveQuizGrade({
        prisma: prisma(),
        userId: user.id,
        quizId,
        itemId: next.itemId,
        grade: 3,
        reviewId: randomUUID(),
        now: T0,
      });
    }

    const final = await itemsOf(user.id, quizId);
    const quiz = await prisma().quiz.findUniqueOrThrow({ where: { id: quizId } });

    expect(final.filter((item) => item.cardId === first.cardId).map((item) => item.checked?.correct)).toEqual([
      false,
      true,
    ]);
    expect(quiz.finishedAt).toEqual(T0);
  });
});
