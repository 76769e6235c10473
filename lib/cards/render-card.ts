import { createHash } from "node:crypto";
import { CLOZE_GAP } from "../content/card-schema";
import type { Locale } from "../i18n/messages";
import { messages } from "../i18n/messages";
import { parseCardFields } from "./card-fields";
import { escapeHtml, highlightCode, renderInlineMarkdown, renderMarkdown } from "./render-markdown";

export type RenderableCard = {
  id: string;
  kind: string;
  fields: unknown;
  explanation: string;
  section: string;
  contentHash: string;
};

export type RenderedCard = { frontHtml: string; backHtml: string; explanationHtml: string };

// The card columns rendering needs, for every query that renders cards.
export const RENDERABLE_CARD_SELECT = {
  id: true,
  topicId: true,
  kind: true,
  fields: true,
  explanation: true,
  section: true,
  contentHash: true,
} as const;

// Rendering is pure in (card content, language), so it is cached by content
// hash: the review path never parses Markdown twice for the same card.
const cache = new Map<string, RenderedCard>();
const CACHE_LIMIT = 5_000;

export function renderCard(card: RenderableCard, locale: Locale): RenderedCard {
  const key = `${card.id}:${card.contentHash}:${locale}`;
  const cached = cache.get(key);

  if (cached) return cached;

  const rendered = renderUncached(card, locale);

  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, rendered);

  return rendered;
}

function renderUncached(card: RenderableCard, locale: Locale): RenderedCard {
  const t = messages[locale].card;
  const fields = parseCardFields(card.kind, card.fields);
  const explanationHtml = renderMarkdown(card.explanation);

  switch (fields.kind) {
    case "qa":
      return { frontHtml: renderMarkdown(fields.prompt), backHtml: renderMarkdown(fields.answer), explanationHtml };

    case "cloze": {
      const answer = [...fields.text.matchAll(CLOZE_GAP)][0]?.[1] ?? "";

      return {
        frontHtml: renderMarkdown(fields.text.replace(CLOZE_GAP, "［ … ］")),
        backHtml:
          renderMarkdown(fields.text.replace(CLOZE_GAP, (_, gap: string) => `**${gap}**`)) + label(t.answer, answer),
        explanationHtml,
      };
    }

    case "choice":
      return {
        frontHtml:
          renderMarkdown(fields.prompt) +
          `<ol class="choices">${fields.options.map((option) => `<li>${renderInlineMarkdown(option)}</li>`).join("")}</ol>`,
        backHtml: label(
          t.correctOption,
          `${String.fromCharCode(65 + fields.answer)}. ${fields.options[fields.answer] ?? ""}`,
        ),
        explanationHtml,
      };

    case "truefalse":
      return {
        frontHtml: `<p class="kind-label">${escapeHtml(t.trueOrFalse)}</p>${renderMarkdown(fields.statement)}`,
        backHtml:
          `<p class="verdict">${escapeHtml(fields.answer ? t.true : t.false)}</p>` +
          (fields.correction ? renderMarkdown(fields.correction) : ""),
        explanationHtml,
      };

    case "typing":
      return {
        frontHtml: renderMarkdown(fields.prompt),
        backHtml:
          `<pre class="code"><code class="hljs">${highlightCode(fields.answer, "bash")}</code></pre>` +
          (fields.accept?.length ? label(t.alsoAccepted, fields.accept.join(" · ")) : ""),
        explanationHtml,
      };

    case "order":
      return {
        frontHtml:
          renderMarkdown(fields.prompt) +
          `<ul class="steps">${shuffle(fields.steps, card.id)
            .map((step) => `<li>${renderInlineMarkdown(step)}</li>`)
            .join("")}</ul>`,
        backHtml: `<ol class="steps">${fields.steps.map((step) => `<li>${renderInlineMarkdown(step)}</li>`).join("")}</ol>`,
        explanationHtml,
      };

    case "spot_error":
      return {
        frontHtml: renderMarkdown(fields.prompt) + numberedSnippet(fields.snippet, fields.language),
        backHtml:
          label(t.faultyLine, String(fields.errorLine)) +
          `<pre class="code"><code class="hljs">${highlightCode(fields.fix, fields.language)}</code></pre>`,
        explanationHtml,
      };
  }
}

function label(name: string, value: string): string {
  return `<p class="answer-label"><span>${escapeHtml(name)}</span> ${renderInlineMarkdown(value)}</p>`;
}

// One highlighted HTML string per line of a snippet, so lines can be
// numbered or picked.
export function snippetLines(snippet: string, language: string): string[] {
  return highlightCode(snippet.replace(/\n$/, ""), language).split("\n");
}

function numberedSnippet(snippet: string, language: string): string {
  const lines = snippetLines(snippet, language);

  return `<pre class="code numbered"><code class="hljs">${lines
    .map((line, index) => `<span class="line" data-line="${index + 1}">${line || " "}</span>`)
    .join("")}</code></pre>`;
}

// A stable shuffle seeded by the card id, so the same card always shows its
// steps in the same scrambled order (and never in the right one).
export function shuffle<T>(items: readonly T[], seed: string): T[] {
  const ranked = items.map((item, index) => ({
    item,
    index,
    rank: createHash("sha256").update(`${seed}:${index}`).digest().readUInt32BE(0),
  }));
  const shuffled = ranked.sort((a, b) => a.rank - b.rank);

  if (shuffled.every((entry, position) => entry.index === position) && shuffled.length > 1) {
    shuffled.push(shuffled.shift() as (typeof shuffled)[number]);
  }

  return shuffled.map((entry) => entry.item);
}
