import { type Document, isNode, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import type { ContentProblem } from "./content-error";

export type ParsedYaml<T> =
  | { ok: true; value: T; locate: (path: readonly PropertyKey[]) => { line: number; column: number } }
  | { ok: false; problems: ContentProblem[] };

// Parses one YAML file and validates it against a zod schema, turning every
// YAML or schema error into a problem with the file, line and column of the
// offending value.
export function parseYamlFile<S extends z.ZodType>(file: string, source: string, schema: S): ParsedYaml<z.infer<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });

  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);

        return {
          file,
          line: position.line,
          column: position.col,
          message: `YAML syntax: ${firstLine(error.message)}; check indentation, quoting and colons around here`,
        };
      }),
    };
  }

  const locate = (path: readonly PropertyKey[]) => locateInDocument(doc, lineCounter, path);
  const result = schema.safeParse(doc.toJS(), { error: explainIssue });

  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => ({
        file,
        ...locate(issue.path),
        message: `${describePath(issue.path)} ${issue.message}`,
      })),
    };
  }

  return { ok: true, value: result.data, locate };
}

// Walks up the path until a node exists, so a missing field is reported at
// the object that lacks it.
function locateInDocument(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]) {
  for (let length = path.length; length >= 0; length--) {
    const node = doc.getIn(path.slice(0, length), true);

    if (isNode(node) && node.range) {
      const position = lineCounter.linePos(node.range[0]);

      return { line: position.line, column: position.col };
    }
  }

  return { line: 1, column: 1 };
}

// Zod's default wording names types; an author needs to know what to do.
function explainIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return "is required but missing; add it";
  }

  if (issue.code === "unrecognized_keys") {
    return `has unknown field(s) ${issue.keys.join(", ")}; remove them or fix the spelling`;
  }

  return undefined;
}

function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "file:";

  return `${path
    .map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`))
    .join("")
    .replace(/^\./, "")}:`;
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
