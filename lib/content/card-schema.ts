import { z } from "zod";

// The shape of a topic file in content/. Field names are English; the text
// is written in Chinese like the notes.

const text = z.string().trim().min(1, "must not be empty");

export const cardIdSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    "a card id is lowercase words joined by hyphens, e.g. dockerfile-from-base-image",
  );

const base = {
  id: cardIdSchema,
  section: text,
  explanation: text,
  mistakes: z.array(text).optional(),
  points: z.array(text).optional(),
};

const qaCard = z.strictObject({
  ...base,
  kind: z.literal("qa"),
  prompt: text,
  answer: text,
});

// Exactly one {{gap}} per card: a cloze tests one thing.
const CLOZE_GAP = /\{\{([^{}]+)\}\}/g;

const clozeCard = z
  .strictObject({
    ...base,
    kind: z.literal("cloze"),
    text,
    accept: z.array(text).optional(),
  })
  .superRefine((card, ctx) => {
    const gaps = [...card.text.matchAll(CLOZE_GAP)];

    if (gaps.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["text"],
        message: `has ${gaps.length} gaps; write exactly one gap as {{answer}}`,
      });
    }
  });

const choiceCard = z
  .strictObject({
    ...base,
    kind: z.literal("choice"),
    prompt: text,
    options: z.array(text).min(2, "needs at least 2 options").max(6, "has more than 6 options"),
    answer: z.number().int("must be a whole number"),
  })
  .superRefine((card, ctx) => {
    if (card.answer < 0 || card.answer >= card.options.length) {
      ctx.addIssue({
        code: "custom",
        path: ["answer"],
        message: `is ${card.answer}, but options are numbered 0 to ${card.options.length - 1}; give the index of the right option`,
      });
    }

    if (new Set(card.options).size !== card.options.length) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "contains the same option twice" });
    }
  });

const trueFalseCard = z
  .strictObject({
    ...base,
    kind: z.literal("truefalse"),
    statement: text,
    answer: z.boolean("must be true or false"),
    correction: text.optional(),
  })
  .superRefine((card, ctx) => {
    if (!card.answer && !card.correction) {
      ctx.addIssue({
        code: "custom",
        path: ["correction"],
        message: "is required when the statement is false: write the correct statement",
      });
    }
  });

const typingCard = z.strictObject({
  ...base,
  kind: z.literal("typing"),
  prompt: text,
  answer: text,
  accept: z.array(text).optional(),
  caseSensitive: z.boolean().optional(),
});

const orderCard = z
  .strictObject({
    ...base,
    kind: z.literal("order"),
    prompt: text,
    steps: z.array(text).min(3, "needs at least 3 steps").max(10, "has more than 10 steps"),
  })
  .superRefine((card, ctx) => {
    if (new Set(card.steps).size !== card.steps.length) {
      ctx.addIssue({
        code: "custom",
        path: ["steps"],
        message: "contains the same step twice, so the order would be ambiguous",
      });
    }
  });

export const snippetLanguages = ["dockerfile", "yaml", "shell", "python", "ini", "text"] as const;

const spotErrorCard = z
  .strictObject({
    ...base,
    kind: z.literal("spot_error"),
    prompt: text,
    language: z.enum(snippetLanguages),
    snippet: text,
    errorLine: z.number().int("must be a whole number"),
    fix: text,
  })
  .superRefine((card, ctx) => {
    const lines = card.snippet.replace(/\n$/, "").split("\n").length;

    if (card.errorLine < 1 || card.errorLine > lines) {
      ctx.addIssue({
        code: "custom",
        path: ["errorLine"],
        message: `is ${card.errorLine}, but the snippet has lines 1 to ${lines}; give the number of the faulty line`,
      });
    }
  });

export const cardKinds = ["qa", "cloze", "choice", "truefalse", "typing", "order", "spot_error"] as const;

export const cardSchema = z.discriminatedUnion(
  "kind",
  [qaCard, clozeCard, choiceCard, trueFalseCard, typingCard, orderCard, spotErrorCard],
  { error: `kind must be one of: ${cardKinds.join(", ")}` },
);

const localized = z.strictObject({ zh: text, en: text });

export const topicFileSchema = z.strictObject({
  topic: z.strictObject({
    id: cardIdSchema,
    title: localized,
    summary: localized,
    position: z.number().int("must be a whole number"),
  }),
  cards: z.array(cardSchema).min(1, "a topic needs at least one card"),
});

export const sectionsFileSchema = z.strictObject({
  parts: z.array(
    z.strictObject({
      id: text,
      title: localized,
      sections: z
        .array(
          z.strictObject({
            id: text,
            heading: text,
            points: z.array(z.strictObject({ id: text, text })).optional(),
            notes: text.optional(),
          }),
        )
        .min(1),
    }),
  ),
  mistakes: z.array(z.strictObject({ id: text, title: text })),
});

export type CardInput = z.infer<typeof cardSchema>;
export type CardKind = CardInput["kind"];
export type TopicFile = z.infer<typeof topicFileSchema>;
export type SectionsFile = z.infer<typeof sectionsFileSchema>;

export { CLOZE_GAP };
