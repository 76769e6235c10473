import path from "node:path";
import { ContentError, formatProblem } from "../lib/content/content-error";
import { loadContent } from "../lib/content/load-content";

// Validates every file in content/ and exits non-zero on any problem.
const contentDir = path.resolve(process.argv[2] ?? "content");

try {
  const { topics } = await loadContent(contentDir);
  const cards = topics.reduce((sum, topic) => sum + topic.cards.length, 0);

  process.stdout.write(`content ok: ${topics.length} topics, ${cards} cards in ${contentDir}\n`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;

  for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
  process.stderr.write(`content check failed: ${error.problems.length} problem(s)\n`);
  process.exitCode = 1;
}
