import { z } from "zod";

// The kind-specific fields as stored in Card.fields (written by the content
// sync from validated files); parsed again at the database edge so the rest
// of the code gets typed values.
const common = { mistakes: z.array(z.string()).optional(), points: z.array(z.string()).optional() };

export const cardFieldsSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("qa"), prompt: z.string(), answer: z.string(), ...common }),
  z.object({ kind: z.literal("cloze"), text: z.string(), accept: z.array(z.string()).optional(), ...common }),
  z.object({
    kind: z.literal("choice"),
    prompt: z.string(),
    options: z.array(z.string()),
    answer: z.number(),
    ...common,
  }),
  z.object({
    kind: z.literal("truefalse"),
    statement: z.string(),
    answer: z.boolean(),
    correction: z.string().optional(),
    ...common,
  }),
  z.object({
    kind: z.literal("typing"),
    prompt: z.string(),
    answer: z.string(),
    accept: z.array(z.string()).optional(),
    caseSensitive: z.boolean().optional(),
    ...common,
  }),
  z.object({ kind: z.literal("order"), prompt: z.string(), steps: z.array(z.string()), ...common }),
  z.object({
    kind: z.literal("spot_error"),
    prompt: z.string(),
    language: z.string(),
    snippet: z.string(),
    errorLine: z.number(),
    fix: z.string(),
    ...common,
  }),
]);

export type CardFields = z.infer<typeof cardFieldsSchema>;

export function parseCardFields(kind: string, fields: unknown): CardFields {
  return cardFieldsSchema.parse({ ...(fields as object), kind });
}
