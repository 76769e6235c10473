import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, type ContentProblem } from "@/lib/content/content-error";
import { loadContent } from "@/lib/content/load-content";

const HEADER = `topic:
  id: sample
  position: 1
  title: { zh: 示例, en: Sample }
  summary: { zh: 示例主题, en: A sample topic }
cards:
`;

// One valid card of every kind; tests below break them one way at a time.
const ALL_KINDS = `  - id: sample-qa
    kind: qa
    section: dockerfile-purpose
    prompt: Dockerfile 的产物是什么？
    answer: 镜像
    explanation: 构建得到镜像。
  - id: sample-cloze
    kind: cloze
    section: dockerfile-instructions
    text: "{{RUN}} 在构建镜像时执行命令。"
    explanation: RUN 发生在 build 阶段。
  - id: sample-choice
    kind: choice
    section: dockerfile-instructions
    prompt: 哪条指令设置工作目录？
    options: [FROM, WORKDIR, COPY]
    answer: 1
    explanation: WORKDIR 设置之后指令的工作目录。
  - id: sample-truefalse
    kind: truefalse
    section: dockerfile-purpose
    mistakes: [m1]
    statement: Dockerfile 构建出来的是容器。
    answer: false
    correction: Dockerfile 构建出来的是镜像。
    explanation: 容器由 docker run 从镜像创建。
  - id: sample-typing
    kind: typing
    section: compose-commands
    prompt: 后台启动整组服务的命令？
    answer: docker compose up -d
    accept: [docker compose up --detach]
    explanation: -d 表示 detached。
  - id: sample-order
    kind: order
    section: dockerfile-fastapi-example
    prompt: 排列指令顺序
    steps: [FROM, WORKDIR, COPY requirements.txt, RUN pip install]
    explanation: 先选基础镜像，再装依赖。
  - id: sample-spot
    kind: spot_error
    section: compose-service-names
    prompt: 哪一行错了？
    language: yaml
    snippet: |
      services:
        api:
          environment:
            DATABASE_URL: postgresql://app@localhost:5432/app
    errorLine: 4
    fix: "      DATABASE_URL: postgresql://app@db:5432/app"
    explanation: 容器里的 localhost 是容器自己。
`;

const dirs: string[] = [];

async function contentDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ebb-content-"));

  dirs.push(dir);
  await copyFile("content/sections.yaml", path.join(dir, "sections.yaml"));

  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);

  return dir;
}

async function problemsOf(files: Record<string, string>): Promise<ContentProblem[]> {
  const dir = await contentDir(files);

  try {
    await loadContent(dir);
  } catch (error) {
    if (error instanceof ContentError) return error.problems.map((p) => ({ ...p, file: path.basename(p.file) }));
    throw error;
  }

  throw new Error("expected the content to be rejected");
}

function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));

  if (index < 0) throw new Error(`"${needle}" not in text`);

  return index + 1;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("loadContent", () => {
  it("accepts a card of every kind and keeps their fields", async () => {
    const dir = await contentDir({ "sample.yaml": HEADER + ALL_KINDS });
    const { topics } = await loadContent(dir);

    expect(topics).toHaveLength(1);
    expect(topics[0]?.cards.map((card) => card.kind)).toEqual([
      "qa",
      "cloze",
      "choice",
      "truefalse",
      "typing",
      "order",
      "spot_error",
    ]);
    expect(topics[0]?.cards[6]).toMatchObject({ kind: "spot_error", errorLine: 4, topicId: "sample", position: 6 });
  });

  it("accepts the shipped content", async () => {
    const { topics } = await loadContent("content");

    expect(topics.length).toBeGreaterThanOrEqual(2);
  });

  it("gives every card a content hash that changes when the card changes", async () => {
    const before = await loadContent(await contentDir({ "sample.yaml": HEADER + ALL_KINDS }));
    const after = await loadContent(
      await contentDir({ "sample.yaml": HEADER + ALL_KINDS.replace("answer: 镜像", "answer: 一个镜像") }),
    );

    expect(after.topics[0]?.cards[0]?.contentHash).not.toBe(before.topics[0]?.cards[0]?.contentHash);
    expect(after.topics[0]?.cards[1]?.contentHash).toBe(before.topics[0]?.cards[1]?.contentHash);
  });

  it("reports a missing field at the card that lacks it", async () => {
    const text = HEADER + ALL_KINDS.replace("    answer: 镜像\n", "");
    const [problem, ...rest] = await problemsOf({ "sample.yaml": text });

    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: "sample.yaml", line: lineOf(text, "id: sample-qa") });
    expect(problem?.message).toMatch(/cards\[0\]\.answer: is required but missing; add it/);
  });

  it("reports a duplicate id at the second use and names the first", async () => {
    const text = HEADER + ALL_KINDS.replace("id: sample-cloze", "id: sample-qa");
    const [problem] = await problemsOf({ "sample.yaml": text });

    expect(problem?.line).toBe(lineOf(text, "kind: cloze") - 1);
    expect(problem?.message).toMatch(/already used at .*sample\.yaml:7:/);
  });

  it("reports a duplicate id across two files", async () => {
    const other = HEADER.replace("id: sample", "id: other") + ALL_KINDS.split("  - id: sample-cloze")[0];
    const problems = await problemsOf({ "sample.yaml": HEADER + ALL_KINDS, "other.yaml": other });

    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe("sample.yaml");
    expect(problems[0]?.message).toMatch(/"sample-qa" is already used at .*other\.yaml:7:9/);
  });

  it("reports an unknown kind and lists the known ones", async () => {
    const text = HEADER + ALL_KINDS.replace("kind: order", "kind: sort");
    const [problem] = await problemsOf({ "sample.yaml": text });

    expect(problem?.line).toBe(lineOf(text, "kind: sort"));
    expect(problem?.message).toMatch(/kind must be one of: qa, cloze, choice, truefalse, typing, order, spot_error/);
  });

  it("reports bad YAML with its line", async () => {
    const text = HEADER + ALL_KINDS.replace("    prompt: 哪条指令设置工作目录？", "    prompt: [unclosed");
    const [problem] = await problemsOf({ "sample.yaml": text });

    expect(problem?.message).toMatch(/^YAML syntax/);
    expect(problem?.line).toBeGreaterThanOrEqual(lineOf(text, "prompt: [unclosed"));
    expect(problem?.line).toBeLessThanOrEqual(lineOf(text, "prompt: [unclosed") + 2);
  });

  it("reports an answer index outside the options", async () => {
    const text = HEADER + ALL_KINDS.replace("    answer: 1\n", "    answer: 3\n");
    const [problem] = await problemsOf({ "sample.yaml": text });

    expect(problem?.line).toBe(lineOf(text, "answer: 3"));
    expect(problem?.message).toMatch(/options are numbered 0 to 2/);
  });

  it("reports a spot-the-error line outside the snippet", async () => {
    const text = HEADER + ALL_KINDS.replace("errorLine: 4", "errorLine: 9");
    const [problem] = await problemsOf({ "sample.yaml": text });

    expect(problem?.line).toBe(lineOf(text, "errorLine: 9"));
    expect(problem?.message).toMatch(/snippet has lines 1 to 4/);
  });

  it("reports a cloze without exactly one gap", async () => {
    const text = HEADER + ALL_KINDS.replace('"{{RUN}} 在构建镜像时执行命令。"', '"{{RUN}} 在 {{build}} 时执行。"');
    const [problem] = await problemsOf({ "sample.yaml": text });

    expect(problem?.message).toMatch(/has 2 gaps; write exactly one gap/);
  });

  it("reports a false statement without its correction", async () => {
    const text = HEADER + ALL_KINDS.replace("    correction: Dockerfile 构建出来的是镜像。\n", "");
    const [problem] = await problemsOf({ "sample.yaml": text });

    expect(problem?.message).toMatch(/correction: is required when the statement is false/);
  });

  it("reports unknown sections, mistakes and fields", async () => {
    const text =
      HEADER +
      ALL_KINDS.replace("section: dockerfile-purpose", "section: nowhere")
        .replace("mistakes: [m1]", "mistakes: [m5]")
        .replace("    answer: 镜像\n", "    answer: 镜像\n    hint: 想想 build\n");
    const problems = await problemsOf({ "sample.yaml": text });
    const messages = problems.map((p) => p.message).join("\n");

    expect(messages).toMatch(/unknown field\(s\) hint/);

    const again = await problemsOf({
      "sample.yaml":
        HEADER +
        ALL_KINDS.replace("section: dockerfile-purpose", "section: nowhere").replace(
          "mistakes: [m1]",
          "mistakes: [m5]",
        ),
    });

    expect(again.map((p) => p.message)).toEqual([
      expect.stringMatching(/section "nowhere" is not listed/),
      expect.stringMatching(/mistake "m5" is not listed/),
    ]);
  });

  it("reports a topic id that does not match its file name", async () => {
    const [problem] = await problemsOf({ "wrong-name.yaml": HEADER + ALL_KINDS });

    expect(problem).toMatchObject({ file: "wrong-name.yaml", line: 2 });
    expect(problem?.message).toMatch(/name the file sample\.yaml/);
  });
});
