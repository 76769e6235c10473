import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  buildCoverageReport,
  type CoverageReport,
  describeGap,
  formatCoverageReport,
} from "@/lib/content/coverage-report";
import { loadContent } from "@/lib/content/load-content";

const HEADER = `topic:
  id: sample
  position: 1
  title: { zh: 示例, en: Sample }
  summary: { zh: 示例主题, en: A sample topic }
cards:
`;

// Covers dockerfile-purpose and sk-df-1; m1 from both sides, m2 only by a
// false statement and a spot_error, m3 only by a true statement.
const CARDS = `  - id: sample-purpose
    kind: qa
    section: dockerfile-purpose
    points: [sk-df-1]
    mistakes: [m1]
    prompt: Dockerfile 是什么？
    answer: 做镜像的说明书
    explanation: 构建得到镜像。
  - id: sample-wrong-m1
    kind: truefalse
    section: dockerfile-purpose
    mistakes: [m1, m2]
    statement: Dockerfile 构建出来的是容器。
    answer: false
    correction: Dockerfile 构建出来的是镜像。
    explanation: 容器由 docker run 从镜像创建。
  - id: sample-spot-m2
    kind: spot_error
    section: dockerfile-purpose
    mistakes: [m2]
    prompt: 哪一行错了？
    language: dockerfile
    snippet: |
      FROM python
      RUN uvicorn app:app
    errorLine: 2
    fix: CMD ["uvicorn", "app:app"]
    explanation: RUN 在构建时执行。
  - id: sample-true-m3
    kind: truefalse
    section: dockerfile-purpose
    mistakes: [m3]
    statement: Dockerfile 构建出来的是镜像。
    answer: true
    explanation: 镜像再由 docker run 创建容器。
`;

const dirs: string[] = [];

async function reportOf(cards: string): Promise<CoverageReport> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ebb-coverage-"));

  dirs.push(dir);
  await copyFile("content/sections.yaml", path.join(dir, "sections.yaml"));
  await writeFile(path.join(dir, "sample.yaml"), HEADER + cards);

  return buildCoverageReport(await loadContent(dir));
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("coverage of the shipped deck", () => {
  it("leaves no section, point or mistake uncovered", async () => {
    const report = buildCoverageReport(await loadContent("content"));
    const gaps = report.gaps.map(describeGap);

    expect(gaps, `content has ${gaps.length} coverage gap(s):\n${gaps.join("\n")}`).toEqual([]);
  });
});

describe("buildCoverageReport", () => {
  it("reports a section no card cites, and not one that a card cites", async () => {
    const report = await reportOf(CARDS);
    const sectionGaps = report.gaps.flatMap((gap) => (gap.kind === "section" ? [gap.sectionId] : []));

    expect(sectionGaps).toContain("dockerfile-instructions");
    expect(sectionGaps).not.toContain("dockerfile-purpose");
    expect(report.parts[0]?.sections[0]).toMatchObject({
      id: "dockerfile-purpose",
      cards: [{ id: "sample-purpose" }, { id: "sample-wrong-m1" }, { id: "sample-spot-m2" }, { id: "sample-true-m3" }],
    });
  });

  it("reports a point no card lists, and not one that a card lists", async () => {
    const report = await reportOf(CARDS);
    const pointGaps = report.gaps.flatMap((gap) => (gap.kind === "point" ? [gap.pointId] : []));

    expect(pointGaps).toContain("sk-df-2");
    expect(pointGaps).not.toContain("sk-df-1");
  });

  it("reports a mistake covered from one side only, naming the missing side", async () => {
    const report = await reportOf(CARDS);
    const mistakeGap = (id: string) => report.gaps.find((gap) => gap.kind === "mistake" && gap.mistakeId === id);

    expect(mistakeGap("m1")).toBeUndefined();
    expect(mistakeGap("m2")).toMatchObject({ missing: ["tests the right idea"] });
    expect(mistakeGap("m3")).toMatchObject({ missing: ["shows the wrong idea"] });
    expect(mistakeGap("m4")).toMatchObject({ missing: ["shows the wrong idea", "tests the right idea"] });
    expect(report.mistakes.find((mistake) => mistake.id === "m2")).toMatchObject({
      showsWrongIdea: [{ id: "sample-wrong-m1" }, { id: "sample-spot-m2" }],
      testsRightIdea: [],
    });
  });

  it("marks every gap in the printed report and counts them in the summary", async () => {
    const report = await reportOf(CARDS);
    const text = formatCoverageReport(report);
    const summary = text.trimEnd().split("\n").at(-1);

    expect(text.match(/GAP: /g)).toHaveLength(report.gaps.length);
    expect(text).toContain("GAP: section dockerfile-instructions");
    expect(text).toContain("GAP: mistake m2");
    expect(summary).toBe(
      `Summary: 1 topic, 4 cards; ${report.totals.sections} sections, ${report.totals.points} points, ` +
        `${report.totals.mistakes} mistakes; ${report.gaps.length} gaps`,
    );
  });
});
