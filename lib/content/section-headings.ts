import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { sectionsFileSchema } from "./card-schema";
import { SECTIONS_FILE } from "./load-content";

let cached: Map<string, string> | undefined;

// Section id → heading in the notes, read once per process from the same
// sections file the content check validated.
export function sectionHeadings(): Map<string, string> {
  if (cached) return cached;

  const file = path.resolve(process.env.EBB_CONTENT_DIR ?? "content", SECTIONS_FILE);
  const sections = sectionsFileSchema.parse(parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8")));

  cached = new Map(sections.parts.flatMap((part) => part.sections.map((section) => [section.id, section.heading])));

  return cached;
}
