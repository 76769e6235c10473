import { describe, expect, it } from "vitest";
import { cardKinds } from "@/lib/content/card-schema";
import { HARD_AFTER_MS, quizGrade } from "@/lib/quiz/grade-rating";
import { GRADE, SECOND } from "@/lib/srs";

describe("quizGrade", () => {
  it("rates a wrong answer Again however quick it was", () => {
    for (const kind of cardKinds) {
      expect(quizGrade({ correct: false, kind, durationMs: 0 })).toBe(GRADE.Again);
      expect(quizGrade({ correct: false, kind, durationMs: 10 * 60 * SECOND })).toBe(GRADE.Again);
    }
  });

  it("rates a right answer Good up to and including the kind's threshold, Hard after it", () => {
    for (const kind of cardKinds) {
      const threshold = HARD_AFTER_MS[kind];

      expect(quizGrade({ correct: true, kind, durationMs: 0 })).toBe(GRADE.Good);
      expect(quizGrade({ correct: true, kind, durationMs: threshold })).toBe(GRADE.Good);
      expect(quizGrade({ correct: true, kind, durationMs: threshold + 1 })).toBe(GRADE.Hard);
    }
  });

  it("gives quick kinds a shorter threshold than kinds that need reading or typing", () => {
    expect(HARD_AFTER_MS).toEqual({
      choice: 15 * SECOND,
      truefalse: 15 * SECOND,
      qa: 20 * SECOND,
      cloze: 20 * SECOND,
      spot_error: 30 * SECOND,
      order: 30 * SECOND,
      typing: 30 * SECOND,
    });

    // The same 20 seconds is Hard for a choice but Good for a typed command.
    expect(quizGrade({ correct: true, kind: "choice", durationMs: 20 * SECOND })).toBe(GRADE.Hard);
    expect(quizGrade({ correct: true, kind: "typing", durationMs: 20 * SECOND })).toBe(GRADE.Good);
  });
});
