import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { type SectionsFile, sectionsFileSchema } from "./card-schema";
import { SECTIONS_FILE } from "./load-content";

let cachedFile: SectionsFile | undefined;
let cachedHeadings: Map<string, string> | undefined;

// The sections file the content check validated, read once per process.
export function sectionsFile(): SectionsFile {
  if (cachedFile) return cachedFile;

  const file = path.resolve(process.env.EBB_CONTENT_DIR ?? "content", SECTIONS_FILE);

  cachedFile = sectionsFileSchema.parse(parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8")));

  return cachedFile;
}

// Section id → heading in the notes.
export function sectionHeadings(): Map<string, string> {
  cachedHeadings ??= new Map(
    sectionsFile().parts.flatMap((part) => part.sections.map((section) => [section.id, section.heading])),
  );

  return cachedHeadings;
}
