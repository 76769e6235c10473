import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { type CardInput, CLOZE_GAP } from "@/lib/content/card-schema";
import { type LoadedCard, loadContent } from "@/lib/content/load-content";
import { checkComposeFile } from "../support/compose-check";

type Snippet = {
  label: string;
  language: "yaml" | "dockerfile";
  text: string;
  // A spot_error snippet as written is wrong on purpose; it only has to parse.
  syntaxOnly: boolean;
  closed: boolean;
};

type FencedBlock = { language: string; body: string; closed: boolean };

const FENCE_LANGUAGES: Record<string, Snippet["language"]> = { yaml: "yaml", yml: "yaml", dockerfile: "dockerfile" };

// Every snippet a learner reads: fenced blocks in any text field (a cloze
// with its gap filled in) and spot_error snippets before and after the fix.
function snippetsOf(card: LoadedCard): Snippet[] {
  const snippets: Snippet[] = [];
  const fields: [string, unknown][] = Object.entries(card);

  for (const [field, value] of fields) {
    const texts = typeof value === "string" ? [value] : Array.isArray(value) ? value.filter(isString) : [];

    texts.forEach((raw, index) => {
      const text =
        card.kind === "cloze" && field === "text" ? raw.replace(CLOZE_GAP, (_, answer: string) => answer) : raw;
      const where = Array.isArray(value) ? `${field}[${index}]` : field;

      fencedBlocks(text).forEach((block, blockIndex) => {
        const language = FENCE_LANGUAGES[block.language.toLowerCase()];

        if (!language) return;

        snippets.push({
          label: `${card.id}: ${where} block ${blockIndex + 1} (${block.language})`,
          language,
          text: block.body,
          syntaxOnly: false,
          closed: block.closed,
        });
      });
    });
  }

  if (card.kind === "spot_error" && (card.language === "yaml" || card.language === "dockerfile")) {
    const shared = { language: card.language, closed: true };

    snippets.push({
      ...shared,
      label: `${card.id}: snippet with line ${card.errorLine} replaced by fix (${card.language})`,
      text: withFix(card.snippet, card.errorLine, card.fix),
      syntaxOnly: false,
    });

    if (card.language === "yaml") {
      snippets.push({
        ...shared,
        label: `${card.id}: snippet as written (yaml)`,
        text: card.snippet,
        syntaxOnly: true,
      });
    }
  }

  return snippets;
}

function fencedBlocks(text: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = text.split("\n");

  for (let index = 0; index < lines.length; index++) {
    const opening = /^( *)(`{3,})\s*([^\s`]*)/.exec(lines[index] ?? "");

    if (!opening) continue;

    const [, indent = "", fence = "", language = ""] = opening;
    const body: string[] = [];
    let closed = false;

    for (index++; index < lines.length; index++) {
      const line = lines[index] ?? "";

      if (line.trim().startsWith(fence) && /^`+$/.test(line.trim())) {
        closed = true;
        break;
      }

      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }

    blocks.push({ language, body: `${body.join("\n")}\n`, closed });
  }

  return blocks;
}

// The schema trims `fix`, so it arrives without the snippet's indentation;
// it takes the faulty line's.
function withFix(snippet: string, errorLine: number, fix: string): string {
  const lines = snippet.replace(/\n$/, "").split("\n");
  const indent = /^\s*/.exec(lines[errorLine - 1] ?? "")?.[0] ?? "";

  lines.splice(errorLine - 1, 1, ...fix.split("\n").map((line) => indent + line));

  return `${lines.join("\n")}\n`;
}

function problemsOf(snippet: Snippet): string[] {
  if (!snippet.closed) return ["the ``` fence is never closed, so the rest of the text renders as code"];

  return snippet.language === "yaml" ? yamlProblems(snippet) : dockerfileProblems(snippet.text);
}

function yamlProblems(snippet: Snippet): string[] {
  const doc = parseDocument(snippet.text);

  if (doc.errors.length > 0) return doc.errors.map((error) => `YAML: ${error.message.split("\n")[0]}`);

  if (snippet.syntaxOnly) return [];

  const parsed: unknown = doc.toJS();
  const isWholeComposeFile = typeof parsed === "object" && parsed !== null && "services" in parsed;

  return isWholeComposeFile ? checkComposeFile(parsed).map((problem) => `compose: ${problem}`) : [];
}

// Docker accepts instructions in any case, but the notes and the deck teach
// the upper-case convention, so a lower-case one is flagged too.
const INSTRUCTIONS = new Set([
  "FROM",
  "WORKDIR",
  "COPY",
  "RUN",
  "EXPOSE",
  "CMD",
  "ENV",
  "ARG",
  "ENTRYPOINT",
  "USER",
  "LABEL",
  "HEALTHCHECK",
  "ADD",
  "VOLUME",
  "SHELL",
  "STOPSIGNAL",
  "ONBUILD",
]);

const EXEC_FORM_INSTRUCTIONS = new Set(["CMD", "ENTRYPOINT", "RUN"]);

function dockerfileProblems(text: string): string[] {
  const problems: string[] = [];

  for (const { line, instruction } of logicalLines(text)) {
    const [, word = "", args = ""] = /^(\S+)\s*(.*)$/.exec(instruction) ?? [];
    const shown = instruction.length > 60 ? `${instruction.slice(0, 60)}…` : instruction;

    if (!INSTRUCTIONS.has(word)) {
      problems.push(`line ${line}: "${shown}" does not start with a Dockerfile instruction`);
      continue;
    }

    if (args === "") problems.push(`line ${line}: ${word} has no arguments`);

    // Docker silently runs a malformed exec form as a shell command instead.
    if (EXEC_FORM_INSTRUCTIONS.has(word) && args.startsWith("[") && !isJsonStringArray(args)) {
      problems.push(`line ${line}: ${word} exec form ${args} is not a JSON array of strings`);
    }
  }

  return problems;
}

// Joins `\` continuations into one instruction, numbered by its first line,
// and drops blank and comment lines as Docker does.
function logicalLines(text: string): { line: number; instruction: string }[] {
  const logical: { line: number; instruction: string }[] = [];
  let pending: { line: number; instruction: string } | undefined;

  text.split("\n").forEach((raw, index) => {
    const trimmed = raw.trim();

    if (trimmed === "" || trimmed.startsWith("#")) return;

    const current = pending
      ? { line: pending.line, instruction: `${pending.instruction} ${trimmed}` }
      : { line: index + 1, instruction: trimmed };

    if (current.instruction.endsWith("\\")) {
      pending = { line: current.line, instruction: current.instruction.slice(0, -1).trimEnd() };
      return;
    }

    pending = undefined;
    logical.push(current);
  });

  if (pending) logical.push(pending);

  return logical;
}

function isJsonStringArray(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);

    return Array.isArray(value) && value.length > 0 && value.every(isString);
  } catch {
    return false;
  }
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

const content = await loadContent("content");
const deckSnippets = content.topics.flatMap((topic) => topic.cards.flatMap(snippetsOf));

describe("snippets in the shipped deck", () => {
  it("finds the deck's YAML, compose and Dockerfile snippets", () => {
    expect(deckSnippets.filter((snippet) => snippet.language === "yaml").length).toBeGreaterThan(10);
    expect(deckSnippets.filter((snippet) => snippet.language === "dockerfile").length).toBeGreaterThan(5);
    expect(deckSnippets.some((snippet) => snippet.syntaxOnly)).toBe(true);
  });

  for (const snippet of deckSnippets) {
    it(snippet.label, () => {
      expect(problemsOf(snippet), snippet.label).toEqual([]);
    });
  }
});

const BASE = { id: "sample", section: "dockerfile-purpose", explanation: "e" } as const;

function loaded(card: CardInput): LoadedCard {
  return { ...card, topicId: "sample-topic", position: 0, deckPosition: 0, contentHash: "hash" };
}

describe("snippet collection", () => {
  it("fills the cloze gap, reads option blocks and applies the spot_error fix with the line's indentation", () => {
    const cloze = snippetsOf(
      loaded({ ...BASE, kind: "cloze", text: "```yaml\nservices:\n  api:\n    {{image}}: redis\n```" }),
    );
    const choice = snippetsOf(
      loaded({ ...BASE, kind: "choice", prompt: "p", options: ["a", "x:\n```yml\na: [1\n```"], answer: 0 }),
    );
    const spot = snippetsOf(
      loaded({
        ...BASE,
        kind: "spot_error",
        prompt: "p",
        language: "yaml",
        snippet: "services:\n  api:\n    image: .\n",
        errorLine: 3,
        fix: "build: .",
      }),
    );

    expect(cloze.map((snippet) => snippet.text)).toEqual(["services:\n  api:\n    image: redis\n"]);
    expect(choice.map((snippet) => snippet.label)).toEqual(["sample: options[1] block 1 (yml)"]);
    expect(choice.flatMap(problemsOf)).toEqual([expect.stringMatching(/^YAML: /)]);
    expect(spot.map((snippet) => [snippet.text, snippet.syntaxOnly])).toEqual([
      ["services:\n  api:\n    build: .\n", false],
      ["services:\n  api:\n    image: .\n", true],
    ]);
  });

  it("reports a fence that is never closed", () => {
    const [snippet] = snippetsOf(loaded({ ...BASE, kind: "qa", prompt: "p", answer: "```yaml\na: 1\n" }));

    expect(snippet && problemsOf(snippet)).toEqual([expect.stringMatching(/never closed/)]);
  });
});

describe("compose check", () => {
  const valid = `services:
  api:
    build: .
    ports: ["8000:8000", "127.0.0.1:9000:9000/udp", 8080, "7000-7002:7000-7002"]
    volumes: [./src:/app/src, pgdata:/data, /tmp/cache]
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16
volumes:
  pgdata:
`;

  const problems = (text: string) => checkComposeFile(parseDocument(text).toJS());

  it("accepts a valid file", () => {
    expect(problems(valid)).toEqual([]);
  });

  it.each([
    ["an obsolete version key", `version: "3.8"\n${valid}`, /version: key/],
    [
      "a service without image or build",
      valid.replace("    image: postgres:16\n", "    restart: always\n"),
      /neither image/,
    ],
    ["depends_on naming no service", valid.replace("      db:\n", "      database:\n"), /depends_on names database/],
    ["an unknown condition", valid.replace("service_healthy", "service_ready"), /condition is "service_ready"/],
    ["an undeclared named volume", valid.replace("volumes:\n  pgdata:\n", ""), /named volume pgdata/],
    ["a malformed port", valid.replace('"8000:8000"', '"8000:8000:8000"'), /ports entry "8000:8000:8000"/],
    ["a port out of range", valid.replace("8080", "70000"), /ports entry 70000/],
  ])("reports %s", (_, text, message) => {
    expect(problems(text)).toEqual([expect.stringMatching(message)]);
  });
});

describe("Dockerfile check", () => {
  it("accepts continuations, comments and exec form", () => {
    const text =
      '# base\nFROM python:3.11-slim\nRUN apt-get update \\\n    && apt-get install -y curl\nCMD ["uvicorn", "app:app"]\n';

    expect(dockerfileProblems(text)).toEqual([]);
  });

  it.each([
    ["an unknown instruction", "FROM python:3.11\nINSTALL requests\n", /line 2: "INSTALL requests" does not start/],
    ["a malformed exec form", "FROM python:3.11\nCMD ['uvicorn', 'app:app']\n", /line 2: CMD exec form/],
    ["an exec form with a number", 'FROM python:3.11\nENTRYPOINT ["sleep", 5]\n', /line 2: ENTRYPOINT exec form/],
    ["prose instead of an instruction", "FROM python:3.11\n删掉这一行\n", /line 2: "删掉这一行" does not start/],
  ])("reports %s", (_, text, message) => {
    expect(dockerfileProblems(text)).toEqual([expect.stringMatching(message)]);
  });
});
