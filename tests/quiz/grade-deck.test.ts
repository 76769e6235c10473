import { describe, expect, it } from "vitest";
import { type CardFields, parseCardFields } from "@/lib/cards/card-fields";
import { type LoadedCard, loadContent } from "@/lib/content/load-content";
import { gradeAnswer } from "@/lib/quiz/grade-answer";
import type { QuizAnswer } from "@/lib/quiz/quiz-answer-schema";

const content = await loadContent("content");
const cards = content.topics.flatMap((topic) => topic.cards);

// The fields as the content sync stores them and the quiz reads them back.
function storedFields(card: LoadedCard): CardFields {
  const { id, kind, section, explanation, mistakes, topicId, position, contentHash, ...fields } = card;

  return parseCardFields(kind, fields);
}

// Each answer a learner could give that the card itself says is right.
function rightAnswers(fields: CardFields): QuizAnswer[] {
  switch (fields.kind) {
    case "choice":
      return [{ kind: "choice", option: fields.answer }];
    case "truefalse":
      return [{ kind: "truefalse", value: fields.answer }];
    case "typing":
      return [fields.answer, ...(fields.accept ?? [])].map((text) => ({ kind: "typing", text }));
    case "order":
      return [{ kind: "order", order: fields.steps.map((_, index) => index) }];
    case "spot_error":
      return [{ kind: "spot_error", line: fields.errorLine }];
    case "cloze": {
      const gap = fields.text.match(/\{\{([^{}]+)\}\}/)?.[1] ?? "";

      return [gap, ...(fields.accept ?? [])].map((text) => ({ kind: "cloze", text }));
    }
    case "qa":
      return [];
  }
}

function gradedWrong(card: LoadedCard): string[] {
  const fields = storedFields(card);

  return rightAnswers(fields)
    .filter((answer) => {
      const result = gradeAnswer(fields, answer);

      return "selfGraded" in result || !result.correct;
    })
    .map((answer) => `${card.id}: ${JSON.stringify(answer)}`);
}

describe("the real deck", () => {
  it("has cards of every kind to grade", () => {
    const kinds = new Set(cards.map((card) => card.kind));

    expect([...kinds].sort()).toEqual(["choice", "cloze", "order", "qa", "spot_error", "truefalse", "typing"]);
  });

  it("grades every card's own right answers as right", () => {
    expect(cards.flatMap(gradedWrong)).toEqual([]);
  });

  it("grades a wrong answer of every objective card as wrong", () => {
    const notWrong = cards.flatMap((card) => {
      const fields = storedFields(card);
      let answer: QuizAnswer | undefined;

      switch (fields.kind) {
        case "choice":
          answer = { kind: "choice", option: (fields.answer + 1) % fields.options.length };
          break;
        case "truefalse":
          answer = { kind: "truefalse", value: !fields.answer };
          break;
        case "typing":
          answer = { kind: "typing", text: `${fields.answer} x` };
          break;
        case "order":
          answer = { kind: "order", order: fields.steps.map((_, index) => index).reverse() };
          break;
        case "spot_error":
          answer = { kind: "spot_error", line: fields.errorLine === 1 ? 2 : 1 };
          break;
        case "cloze":
          answer = { kind: "cloze", text: "不是这个" };
          break;
        case "qa":
          return [];
      }

      const result = gradeAnswer(fields, answer);

      return "selfGraded" in result || result.correct ? [card.id] : [];
    });

    expect(notWrong).toEqual([]);
  });

  it("self-grades every qa and cloze card revealed and judged by the learner", () => {
    const selfGraded = cards.filter((card) => card.kind === "qa" || card.kind === "cloze");

    for (const card of selfGraded) {
      expect(gradeAnswer(storedFields(card), { kind: "self", correct: true })).toEqual({
        selfGraded: true,
        correct: true,
      });
    }

    expect(selfGraded.length).toBeGreaterThan(0);
  });
});
