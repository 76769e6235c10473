import type { CardFields } from "../cards/card-fields";
import { renderCard, shuffle, snippetLines } from "../cards/render-card";
import { renderInlineMarkdown, renderMarkdown } from "../cards/render-markdown";
import { CLOZE_GAP } from "../content/card-schema";
import type { Locale } from "../i18n/messages";

// What the quiz page needs to ask a card, without the answer of an
// objective kind (the server grades those). Self-graded kinds carry their
// answer, which the learner reveals before judging themselves.
export type QuizQuestion =
  | { kind: "choice"; promptHtml: string; optionsHtml: string[] }
  | { kind: "truefalse"; statementHtml: string }
  | { kind: "typing"; promptHtml: string }
  | { kind: "order"; promptHtml: string; steps: Array<{ index: number; html: string }> }
  | { kind: "spot_error"; promptHtml: string; lines: string[] }
  | { kind: "cloze"; promptHtml: string; answerHtml: string }
  | { kind: "qa"; promptHtml: string; answerHtml: string };

export function renderQuestion(options: {
  card: { id: string; kind: string; fields: unknown; explanation: string; section: string; contentHash: string };
  fields: CardFields;
  locale: Locale;
}): QuizQuestion {
  const { card, fields, locale } = options;

  switch (fields.kind) {
    case "choice":
      return {
        kind: "choice",
        promptHtml: renderMarkdown(fields.prompt),
        optionsHtml: fields.options.map((option) => renderInlineMarkdown(option)),
      };

    case "truefalse":
      return { kind: "truefalse", statementHtml: renderMarkdown(fields.statement) };

    case "typing":
      return { kind: "typing", promptHtml: renderMarkdown(fields.prompt) };

    case "order":
      return {
        kind: "order",
        promptHtml: renderMarkdown(fields.prompt),
        steps: shuffle(
          fields.steps.map((step, index) => ({ index, html: renderInlineMarkdown(step) })),
          card.id,
        ),
      };

    case "spot_error":
      return {
        kind: "spot_error",
        promptHtml: renderMarkdown(fields.prompt),
        lines: snippetLines(fields.snippet, fields.language),
      };

    case "cloze":
      return {
        kind: "cloze",
        promptHtml: renderMarkdown(fields.text.replace(CLOZE_GAP, "［ … ］")),
        answerHtml: renderCard(card, locale).backHtml,
      };

    case "qa":
      return { kind: "qa", promptHtml: renderMarkdown(fields.prompt), answerHtml: renderCard(card, locale).backHtml };
  }
}
