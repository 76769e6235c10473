import type { CardKind } from "./card-schema";
import type { LoadedCard, LoadedContent } from "./load-content";

export type CoveringCard = { id: string; kind: CardKind; topicId: string };

export type PointCoverage = { id: string; text: string; cards: CoveringCard[] };

export type SectionCoverage = { id: string; heading: string; cards: CoveringCard[]; points: PointCoverage[] };

export type PartCoverage = { id: string; title: string; cards: CoveringCard[]; sections: SectionCoverage[] };

export type MistakeSide = "shows the wrong idea" | "tests the right idea";

export type MistakeCoverage = {
  id: string;
  title: string;
  showsWrongIdea: CoveringCard[];
  testsRightIdea: CoveringCard[];
};

export type CoverageGap =
  | { kind: "section"; sectionId: string; heading: string }
  | { kind: "point"; pointId: string; sectionId: string; text: string }
  | { kind: "mistake"; mistakeId: string; title: string; missing: MistakeSide[] };

export type CoverageReport = {
  parts: PartCoverage[];
  mistakes: MistakeCoverage[];
  gaps: CoverageGap[];
  totals: { topics: number; cards: number; sections: number; points: number; mistakes: number };
};

// For every part, section, point and mistake of sections.yaml, the cards
// that cover it, and what is left uncovered. Order follows sections.yaml so
// the report reads like the notes.
export function buildCoverageReport(content: LoadedContent): CoverageReport {
  const cards = content.topics.flatMap((topic) => topic.cards);
  const gaps: CoverageGap[] = [];

  const parts = content.sections.parts.map((part) => {
    const sections = part.sections.map((section) => {
      const sectionCards = cards.filter((card) => card.section === section.id).map(toCoveringCard);

      if (sectionCards.length === 0) gaps.push({ kind: "section", sectionId: section.id, heading: section.heading });

      const points = (section.points ?? []).map((point) => {
        const pointCards = cards.filter((card) => card.points?.includes(point.id)).map(toCoveringCard);

        if (pointCards.length === 0) {
          gaps.push({ kind: "point", pointId: point.id, sectionId: section.id, text: point.text });
        }

        return { id: point.id, text: point.text, cards: pointCards };
      });

      return { id: section.id, heading: section.heading, cards: sectionCards, points };
    });

    return { id: part.id, title: part.title.zh, cards: sections.flatMap((section) => section.cards), sections };
  });

  const mistakes = content.sections.mistakes.map((mistake) => {
    const listing = cards.filter((card) => card.mistakes?.includes(mistake.id));
    const showsWrongIdea = listing.filter(showsWrongIdeaOf).map(toCoveringCard);
    const testsRightIdea = listing.filter((card) => !showsWrongIdeaOf(card)).map(toCoveringCard);
    const missing: MistakeSide[] = [];

    if (showsWrongIdea.length === 0) missing.push("shows the wrong idea");
    if (testsRightIdea.length === 0) missing.push("tests the right idea");
    if (missing.length > 0) gaps.push({ kind: "mistake", mistakeId: mistake.id, title: mistake.title, missing });

    return { id: mistake.id, title: mistake.title, showsWrongIdea, testsRightIdea };
  });

  const sectionCount = parts.reduce((sum, part) => sum + part.sections.length, 0);
  const pointCount = parts.reduce(
    (sum, part) => sum + part.sections.reduce((inPart, section) => inPart + section.points.length, 0),
    0,
  );

  return {
    parts,
    mistakes,
    gaps,
    totals: {
      topics: content.topics.length,
      cards: cards.length,
      sections: sectionCount,
      points: pointCount,
      mistakes: mistakes.length,
    },
  };
}

// The learner meets a misconception head-on only in a false statement to
// reject or a snippet to correct; every other card rehearses the right idea.
function showsWrongIdeaOf(card: LoadedCard): boolean {
  return card.kind === "spot_error" || (card.kind === "truefalse" && !card.answer);
}

function toCoveringCard(card: LoadedCard): CoveringCard {
  return { id: card.id, kind: card.kind, topicId: card.topicId };
}

export function describeGap(gap: CoverageGap): string {
  switch (gap.kind) {
    case "section":
      return `section ${gap.sectionId} (${gap.heading}) has no card`;
    case "point":
      return `point ${gap.pointId} (${gap.text}) in section ${gap.sectionId} has no card`;
    case "mistake":
      return `mistake ${gap.mistakeId} (${gap.title}) has no card that ${gap.missing.join(" and no card that ")}`;
  }
}

export function formatCoverageReport(report: CoverageReport): string {
  const lines: string[] = ["Content coverage by the sections of the notes", ""];
  const gapLine = (gap: CoverageGap, indent: string) => `${indent}GAP: ${describeGap(gap)}`;
  const gapOf = (matches: (gap: CoverageGap) => boolean) => report.gaps.find(matches);

  for (const part of report.parts) {
    lines.push(`Part ${part.id} — ${part.title}: ${countOf(part.cards.length, "card")}`);

    for (const section of part.sections) {
      lines.push("", `  Section ${section.id} — ${section.heading}: ${countOf(section.cards.length, "card")}`);

      const sectionGap = gapOf((gap) => gap.kind === "section" && gap.sectionId === section.id);

      if (sectionGap) lines.push(gapLine(sectionGap, "    "));
      lines.push(...section.cards.map((card) => `    ${cardLine(card)}`));

      for (const point of section.points) {
        lines.push(`    Point ${point.id} — ${point.text}: ${countOf(point.cards.length, "card")}`);

        const pointGap = gapOf((gap) => gap.kind === "point" && gap.pointId === point.id);

        if (pointGap) lines.push(gapLine(pointGap, "      "));
        lines.push(...point.cards.map((card) => `      ${cardLine(card)}`));
      }
    }

    lines.push("");
  }

  lines.push("Mistakes");

  for (const mistake of report.mistakes) {
    lines.push(
      "",
      `  Mistake ${mistake.id} — ${mistake.title}: ${sideCount(mistake.showsWrongIdea.length, "show", "the wrong idea")}, ` +
        sideCount(mistake.testsRightIdea.length, "test", "the right idea"),
    );

    const mistakeGap = gapOf((gap) => gap.kind === "mistake" && gap.mistakeId === mistake.id);

    if (mistakeGap) lines.push(gapLine(mistakeGap, "    "));
    lines.push(`    shows the wrong idea (${mistake.showsWrongIdea.length}):`);
    lines.push(...mistake.showsWrongIdea.map((card) => `      ${cardLine(card)}`));
    lines.push(`    tests the right idea (${mistake.testsRightIdea.length}):`);
    lines.push(...mistake.testsRightIdea.map((card) => `      ${cardLine(card)}`));
  }

  const { totals } = report;

  lines.push(
    "",
    `Summary: ${countOf(totals.topics, "topic")}, ${countOf(totals.cards, "card")}; ` +
      `${countOf(totals.sections, "section")}, ${countOf(totals.points, "point")}, ` +
      `${countOf(totals.mistakes, "mistake")}; ${countOf(report.gaps.length, "gap")}`,
  );

  return `${lines.join("\n")}\n`;
}

function cardLine(card: CoveringCard): string {
  return `${card.id} (${card.kind}, ${card.topicId})`;
}

function sideCount(cards: number, verb: string, idea: string): string {
  return `${cards} ${cards === 1 ? `${verb}s` : verb} ${idea}`;
}

function countOf(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
