import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { type CardInput, type SectionsFile, sectionsFileSchema, topicFileSchema } from "./card-schema";
import { ContentError, type ContentProblem } from "./content-error";
import { parseYamlFile } from "./parse-yaml-file";

export const SECTIONS_FILE = "sections.yaml";

export type LoadedCard = CardInput & { topicId: string; position: number; deckPosition: number; contentHash: string };

export type LoadedTopic = {
  id: string;
  file: string;
  titleZh: string;
  titleEn: string;
  summaryZh: string;
  summaryEn: string;
  position: number;
  contentHash: string;
  cards: LoadedCard[];
};

export type LoadedContent = { sections: SectionsFile; topics: LoadedTopic[] };

// Reads and validates every file in the content folder. Either everything is
// valid and returned, or a ContentError lists every problem found: nothing is
// half-loaded.
export async function loadContent(contentDir: string): Promise<LoadedContent> {
  const problems: ContentProblem[] = [];
  const names = (await readdir(contentDir)).filter((name) => /\.ya?ml$/.test(name)).sort();

  if (!names.includes(SECTIONS_FILE)) {
    throw new ContentError([
      {
        file: path.join(contentDir, SECTIONS_FILE),
        line: 1,
        column: 1,
        message: "is missing; it lists the sections cards cite",
      },
    ]);
  }

  const sectionsPath = path.join(contentDir, SECTIONS_FILE);
  const sections = parseYamlFile(sectionsPath, await readFile(sectionsPath, "utf8"), sectionsFileSchema);

  if (!sections.ok) throw new ContentError(sections.problems);

  const sectionIds = new Set(sections.value.parts.flatMap((part) => part.sections.map((section) => section.id)));
  const pointIds = new Set(
    sections.value.parts.flatMap((part) =>
      part.sections.flatMap((section) => (section.points ?? []).map((point) => point.id)),
    ),
  );
  const mistakeIds = new Set(sections.value.mistakes.map((mistake) => mistake.id));
  const seenCards = new Map<string, string>();
  const topics: LoadedTopic[] = [];

  for (const name of names.filter((name) => name !== SECTIONS_FILE)) {
    const file = path.join(contentDir, name);
    const parsed = parseYamlFile(file, await readFile(file, "utf8"), topicFileSchema);

    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }

    const { topic, cards } = parsed.value;
    const at = (p: readonly PropertyKey[]) => ({ file, ...parsed.locate(p) });
    const expectedId = name.replace(/\.ya?ml$/, "");

    if (topic.id !== expectedId) {
      problems.push({
        ...at(["topic", "id"]),
        message: `topic.id is "${topic.id}" but the file is ${name}; name the file ${topic.id}.yaml or change the id`,
      });
    }

    cards.forEach((card, index) => {
      const earlier = seenCards.get(card.id);

      if (earlier) {
        problems.push({
          ...at(["cards", index, "id"]),
          message: `card id "${card.id}" is already used at ${earlier}; ids must be unique across all files`,
        });
      } else {
        const { line, column } = parsed.locate(["cards", index, "id"]);
        seenCards.set(card.id, `${file}:${line}:${column}`);
      }

      if (!sectionIds.has(card.section)) {
        problems.push({
          ...at(["cards", index, "section"]),
          message: `section "${card.section}" is not listed in ${SECTIONS_FILE}; use one of its section ids`,
        });
      }

      for (const [mistakeIndex, mistake] of (card.mistakes ?? []).entries()) {
        if (!mistakeIds.has(mistake)) {
          problems.push({
            ...at(["cards", index, "mistakes", mistakeIndex]),
            message: `mistake "${mistake}" is not listed in ${SECTIONS_FILE}; use one of its mistake ids`,
          });
        }
      }

      for (const [pointIndex, point] of (card.points ?? []).entries()) {
        if (!pointIds.has(point)) {
          problems.push({
            ...at(["cards", index, "points", pointIndex]),
            message: `point "${point}" is not listed in ${SECTIONS_FILE}; use one of its point ids`,
          });
        }
      }
    });

    topics.push({
      id: topic.id,
      file,
      titleZh: topic.title.zh,
      titleEn: topic.title.en,
      summaryZh: topic.summary.zh,
      summaryEn: topic.summary.en,
      position: topic.position,
      contentHash: hashOf(topic),
      cards: cards.map((card, position) => ({
        ...card,
        topicId: topic.id,
        position,
        deckPosition: 0,
        contentHash: hashOf(card),
      })),
    });
  }

  if (problems.length > 0) throw new ContentError(problems);

  return {
    sections: sections.value,
    topics: topics.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id)),
  };
}

function hashOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}
