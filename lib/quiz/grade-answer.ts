import type { CardFields } from "../cards/card-fields";
import { CLOZE_GAP } from "../content/card-schema";
import { AppError } from "../errors";
import { normalizeAnswer } from "./normalize-text";
import type { QuizAnswer } from "./quiz-answer-schema";

// `expected` is the right answer as text to show after a wrong (or right)
// answer. A self-graded answer carries the learner's own verdict back, so the
// caller can rate every answer from `correct` alike.
export type GradeResult = { correct: boolean; expected: string } | { selfGraded: true; correct: boolean };

// Grades one quiz answer against the card it answers. An answer that cannot
// belong to this card (another kind, an option or line the card does not
// have, an order that is not an arrangement of the card's steps) throws
// AppError("bad_request"), which the route edge turns into a 400. It is not
// graded as wrong: such an answer comes from a stale page or a client bug,
// and recording it would count a lapse the learner never made.
export function gradeAnswer(fields: CardFields, answer: QuizAnswer): GradeResult {
  switch (fields.kind) {
    case "qa": {
      if (answer.kind !== "self") throw kindMismatch(fields.kind, answer.kind);

      return { selfGraded: true, correct: answer.correct };
    }

    case "cloze": {
      if (answer.kind === "self") return { selfGraded: true, correct: answer.correct };

      if (answer.kind !== "cloze") throw kindMismatch(fields.kind, answer.kind);

      const gap = clozeGap(fields.text);

      return { correct: matchesTyped(answer.text, [gap, ...(fields.accept ?? [])], false), expected: gap };
    }

    case "choice": {
      if (answer.kind !== "choice") throw kindMismatch(fields.kind, answer.kind);

      if (answer.option >= fields.options.length) {
        throw badAnswer(`option ${answer.option} does not exist; the card has ${fields.options.length} options`);
      }

      return { correct: answer.option === fields.answer, expected: fields.options[fields.answer] ?? "" };
    }

    case "truefalse": {
      if (answer.kind !== "truefalse") throw kindMismatch(fields.kind, answer.kind);

      // The right statement: as written when it is true, its correction when
      // it is false.
      const expected = fields.answer ? fields.statement : (fields.correction ?? fields.statement);

      return { correct: answer.value === fields.answer, expected };
    }

    case "typing": {
      if (answer.kind !== "typing") throw kindMismatch(fields.kind, answer.kind);

      const forms = [fields.answer, ...(fields.accept ?? [])];

      return { correct: matchesTyped(answer.text, forms, fields.caseSensitive ?? false), expected: fields.answer };
    }

    case "order": {
      if (answer.kind !== "order") throw kindMismatch(fields.kind, answer.kind);

      const count = fields.steps.length;
      const isArrangement =
        answer.order.length === count &&
        new Set(answer.order).size === count &&
        answer.order.every((index) => index < count);

      if (!isArrangement) {
        throw badAnswer(`order must list each of the step indices 0 to ${count - 1} exactly once`);
      }

      return {
        correct: answer.order.every((stepIndex, position) => stepIndex === position),
        expected: fields.steps.map((step, index) => `${index + 1}. ${step}`).join("\n"),
      };
    }

    case "spot_error": {
      if (answer.kind !== "spot_error") throw kindMismatch(fields.kind, answer.kind);

      // Counted as the card schema and the rendered snippet count them: a
      // final newline does not start another line.
      const lines = fields.snippet.replace(/\n$/, "").split("\n");

      if (answer.line > lines.length) {
        throw badAnswer(`line ${answer.line} does not exist; the snippet has lines 1 to ${lines.length}`);
      }

      return {
        correct: answer.line === fields.errorLine,
        expected: `${fields.errorLine}: ${(lines[fields.errorLine - 1] ?? "").trim()}`,
      };
    }
  }
}

// A typed answer is right when, once normalised, it equals one of the card's
// accepted forms, allowing only the flag reordering described at
// canonicalFlagOrder. Nothing looser: an answer that is a prefix of a right
// one, or has the right flags around the wrong service, is wrong.
function matchesTyped(text: string, forms: readonly string[], caseSensitive: boolean): boolean {
  const given = normalizeAnswer(text, { caseSensitive });

  if (given === "") return false;

  const canonical = canonicalFlagOrder(given);

  return forms.some((form) => canonicalFlagOrder(normalizeAnswer(form, { caseSensitive })) === canonical);
}

// Flag order. Standalone flags may come in any order; nothing else moves.
//
// The answer is read as tokens. A flag is a token starting with `-` or `--`
// and a letter (`-d`, `--build`, `--gpus=all`); `-` alone (a YAML list item)
// and everything after `--` are not flags. In each run of consecutive flags,
// the flags are put into one fixed order, except that the last flag of a run
// that is followed by another token stays where it is: that token may be its
// value (`-p 8000:8000`, `--host 0.0.0.0`) or may be a positional argument
// (`logs -f api`), and without knowing each program's options the two cannot
// be told apart. Positional arguments, values and command words never move,
// and no flag crosses them.
//
// So `up -d --build` equals `up --build -d`, but `logs api -f` does not equal
// `logs -f api`, nor `--port 8000 --host 0.0.0.0` equal `--host 0.0.0.0
// --port 8000`: where flags and positionals interleave, or flags carry
// values after a space, the card lists the orders it accepts. This never
// accepts a command that parses differently: the flags that move own no
// value, and for the option parsers of docker, compose and uvicorn the order
// of such flags does not matter. The one exception, the same option given
// twice (`--set=a --set=b`), keeps its own order because the sort below is
// by option name and stable.
function canonicalFlagOrder(normalized: string): string {
  const tokens: string[] = [];
  let run: string[] = [];
  let optionsEnded = false;

  for (const token of normalized.split(" ")) {
    if (!optionsEnded && isFlag(token)) {
      run.push(token);
      continue;
    }

    tokens.push(...byOptionName(run.slice(0, -1)), ...run.slice(-1), token);
    run = [];

    if (token === "--") optionsEnded = true;
  }

  tokens.push(...byOptionName(run));

  return tokens.join(" ");
}

function isFlag(token: string): boolean {
  return /^--?[a-z]/i.test(token);
}

function byOptionName(flags: readonly string[]): string[] {
  const name = (flag: string) => flag.split("=", 1)[0] ?? flag;

  return flags.toSorted((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

function clozeGap(text: string): string {
  const gap = [...text.matchAll(CLOZE_GAP)][0]?.[1];

  // The content check rejects a cloze without exactly one gap before it is
  // stored, so this is a broken deck, not a bad answer.
  if (gap === undefined) throw new Error("cloze card has no {{gap}}");

  return gap;
}

function kindMismatch(cardKind: CardFields["kind"], answerKind: QuizAnswer["kind"]): AppError {
  return new AppError("bad_request", "the answer is for a different kind of card", {
    detail: { cardKind, answerKind },
  });
}

function badAnswer(message: string): AppError {
  return new AppError("bad_request", message);
}
