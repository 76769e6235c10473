import { z } from "zod";

export const MAX_TYPED_ANSWER_LENGTH = 500;

// Well above the 10 steps an order card may have; it only bounds the work one
// request can ask for. Whether the list fits the card is checked when grading.
const MAX_ORDER_LENGTH = 50;

const typedText = z.string().max(MAX_TYPED_ANSWER_LENGTH);

// What the quiz page sends back for one card. Each objective kind sends its
// own shape; qa cards, and cloze cards answered by revealing, send the
// learner's own verdict as `self`. A cloze card may instead be answered by
// typing the gap, which the server grades like a typing card.
export const quizAnswerSchema = z.discriminatedUnion("kind", [
  // The index of the chosen option in the card's `options`.
  z.strictObject({ kind: z.literal("choice"), option: z.number().int().min(0) }),
  z.strictObject({ kind: z.literal("truefalse"), value: z.boolean() }),
  z.strictObject({ kind: z.literal("typing"), text: typedText }),
  // The page shows the steps shuffled, each carrying its index in the card's
  // `steps`. The learner's final arrangement is sent as those original
  // indices, first step first; it is right when it reads 0, 1, …, n-1.
  z.strictObject({ kind: z.literal("order"), order: z.array(z.number().int().min(0)).max(MAX_ORDER_LENGTH) }),
  // 1-based, as the snippet's lines are numbered on screen.
  z.strictObject({ kind: z.literal("spot_error"), line: z.number().int().min(1) }),
  z.strictObject({ kind: z.literal("cloze"), text: typedText }),
  z.strictObject({ kind: z.literal("self"), correct: z.boolean() }),
]);

export type QuizAnswer = z.infer<typeof quizAnswerSchema>;
