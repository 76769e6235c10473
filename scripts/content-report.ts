import path from "node:path";
import { ContentError, formatProblem } from "../lib/content/content-error";
import { buildCoverageReport, formatCoverageReport } from "../lib/content/coverage-report";
import { loadContent } from "../lib/content/load-content";

// Prints which cards cover each section, point and mistake of the notes, and
// exits non-zero when something is uncovered or the content is invalid.
const contentDir = path.resolve(process.argv[2] ?? "content");

try {
  const report = buildCoverageReport(await loadContent(contentDir));

  process.stdout.write(formatCoverageReport(report));

  if (report.gaps.length > 0) process.exitCode = 1;
} catch (error) {
  if (!(error instanceof ContentError)) throw error;

  for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
  process.stderr.write(`content report failed: ${error.problems.length} problem(s) in ${contentDir}\n`);
  process.exitCode = 1;
}
