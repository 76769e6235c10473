import { z } from "zod";
import { quizAnswerSchema } from "./quiz-answer-schema";

export const QUIZ_LENGTHS = [10, 20, 0] as const;

export const startQuizSchema = z
  .object({
    mode: z.enum(["topics", "mistakes"]),
    topicIds: z.array(z.string().min(1).max(120)).max(50).default([]),
    // 0 asks every card that matched.
    length: z.union([z.literal(10), z.literal(20), z.literal(0)]),
  })
  .strict()
  .refine((value) => value.mode === "mistakes" || value.topicIds.length > 0, {
    message: "choose at least one topic",
    path: ["topicIds"],
  });

export type StartQuizInput = z.infer<typeof startQuizSchema>;

export const quizParamsSchema = z.object({ quizId: z.uuid("no such quiz") });

export const quizItemParamsSchema = z.object({ quizId: z.uuid("no such quiz"), itemId: z.uuid("no such question") });

export const checkAnswerSchema = z
  .object({
    answer: quizAnswerSchema,
    durationMs: z
      .number()
      .int()
      .min(0)
      .max(60 * 60 * 1000),
  })
  .strict();

export const saveGradeSchema = z
  .object({ grade: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]), reviewId: z.uuid() })
  .strict();
