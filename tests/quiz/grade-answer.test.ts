import { describe, expect, it } from "vitest";
import type { CardFields } from "@/lib/cards/card-fields";
import { AppError } from "@/lib/errors";
import { gradeAnswer } from "@/lib/quiz/grade-answer";
import { type QuizAnswer, quizAnswerSchema } from "@/lib/quiz/quiz-answer-schema";

const choice: CardFields = {
  kind: "choice",
  prompt: "哪条指令设置工作目录？",
  options: ["FROM", "WORKDIR", "COPY"],
  answer: 1,
};

const trueStatement: CardFields = { kind: "truefalse", statement: "镜像是只读的模板。", answer: true };

const falseStatement: CardFields = {
  kind: "truefalse",
  statement: "Dockerfile 构建出来的是容器。",
  answer: false,
  correction: "Dockerfile 构建出来的是镜像。",
};

const logsFollow: CardFields = {
  kind: "typing",
  prompt: "持续查看 api 服务的日志？",
  answer: "docker compose logs -f api",
  accept: ["docker compose logs --follow api"],
};

const upBuild: CardFields = {
  kind: "typing",
  prompt: "重新构建并在后台启动？",
  answer: "docker compose up -d --build",
};

const fromLine: CardFields = { kind: "typing", prompt: "基础镜像那一行？", answer: "FROM python:3.11-slim" };

const envName: CardFields = {
  kind: "typing",
  prompt: "数据库连接串的环境变量名？",
  answer: "DATABASE_URL",
  caseSensitive: true,
};

const buildLine: CardFields = { kind: "typing", prompt: "用当前目录构建", answer: "build: .", accept: ["build: ./"] };

const order: CardFields = {
  kind: "order",
  prompt: "排列指令顺序",
  steps: ["FROM", "WORKDIR", "COPY requirements.txt", "RUN pip install"],
};

const spotError: CardFields = {
  kind: "spot_error",
  prompt: "哪一行错了？",
  language: "yaml",
  snippet: "services:\n  api:\n    environment:\n      DATABASE_URL: postgresql://localhost:5432/app\n",
  errorLine: 4,
  fix: "把 localhost 换成 db。",
};

const cloze: CardFields = {
  kind: "cloze",
  text: "Dockerfile 把运行环境写成一份{{可复现}}的说明书。",
  accept: ["可重复", "可重现"],
};

const qa: CardFields = { kind: "qa", prompt: "Dockerfile 的产物是什么？", answer: "镜像" };

const typed = (fields: CardFields, text: string) => gradeAnswer(fields, { kind: "typing", text });

const correctness = (fields: CardFields, answer: QuizAnswer) => {
  const result = gradeAnswer(fields, answer);

  if ("selfGraded" in result) throw new Error("expected a graded result");

  return result.correct;
};

const isTyped = (fields: CardFields, text: string) => correctness(fields, { kind: "typing", text });

function expectBadRequest(run: () => unknown, message: RegExp) {
  let caught: unknown;

  try {
    run();
  } catch (error) {
    caught = error;
  }

  expect(caught).toBeInstanceOf(AppError);
  expect(caught).toMatchObject({ code: "bad_request" });
  expect((caught as AppError).publicMessage).toMatch(message);
}

describe("gradeAnswer: choice", () => {
  it("is right for the answer index and shows the right option", () => {
    expect(gradeAnswer(choice, { kind: "choice", option: 1 })).toEqual({ correct: true, expected: "WORKDIR" });
  });

  it("is wrong for another option, still showing the right one", () => {
    expect(gradeAnswer(choice, { kind: "choice", option: 0 })).toEqual({ correct: false, expected: "WORKDIR" });
    expect(gradeAnswer(choice, { kind: "choice", option: 2 })).toEqual({ correct: false, expected: "WORKDIR" });
  });

  it("rejects an option the card does not have", () => {
    expectBadRequest(() => gradeAnswer(choice, { kind: "choice", option: 3 }), /option 3 does not exist/);
  });
});

describe("gradeAnswer: truefalse", () => {
  it("is right when the value matches, for true and for false statements", () => {
    expect(correctness(trueStatement, { kind: "truefalse", value: true })).toBe(true);
    expect(correctness(falseStatement, { kind: "truefalse", value: false })).toBe(true);
  });

  it("is wrong when the value does not match", () => {
    expect(correctness(trueStatement, { kind: "truefalse", value: false })).toBe(false);
    expect(correctness(falseStatement, { kind: "truefalse", value: true })).toBe(false);
  });

  it("shows the right statement: the statement when true, its correction when false", () => {
    expect(gradeAnswer(trueStatement, { kind: "truefalse", value: false })).toMatchObject({
      expected: "镜像是只读的模板。",
    });
    expect(gradeAnswer(falseStatement, { kind: "truefalse", value: true })).toMatchObject({
      expected: "Dockerfile 构建出来的是镜像。",
    });
  });
});

describe("gradeAnswer: typing", () => {
  it("is right for the answer as written and shows the card's answer", () => {
    expect(typed(logsFollow, "docker compose logs -f api")).toEqual({
      correct: true,
      expected: "docker compose logs -f api",
    });
  });

  it("tolerates extra spaces", () => {
    expect(isTyped(logsFollow, "  docker   compose  logs\t-f   api ")).toBe(true);
  });

  it("tolerates full-width letters, punctuation and spaces", () => {
    expect(isTyped(logsFollow, "ｄｏｃｋｅｒ　compose logs －ｆ api")).toBe(true);
    expect(isTyped(fromLine, "FROM python：3。11-slim")).toBe(true);
    expect(isTyped(buildLine, "build： 。")).toBe(true);
  });

  it("folds case unless the card is case-sensitive", () => {
    expect(isTyped(fromLine, "from python:3.11-slim")).toBe(true);
    expect(isTyped(fromLine, "From Python:3.11-Slim")).toBe(true);
    expect(isTyped(envName, "DATABASE_URL")).toBe(true);
    expect(isTyped(envName, "database_url")).toBe(false);
  });

  it("accepts an alternative the card lists", () => {
    expect(isTyped(logsFollow, "docker compose logs --follow api")).toBe(true);
    expect(isTyped(buildLine, "build: ./")).toBe(true);
  });

  it("accepts a command wrapped in backticks or quotes, or ended with a semicolon", () => {
    expect(isTyped(logsFollow, "`docker compose logs -f api`")).toBe(true);
    expect(isTyped(logsFollow, "“docker compose logs -f api”；")).toBe(true);
  });

  it("accepts standalone flags in another order though the card lists only one", () => {
    expect(isTyped(upBuild, "docker compose up --build -d")).toBe(true);
    expect(
      isTyped(
        { ...upBuild, answer: "docker compose up --build -d --remove-orphans" },
        "docker compose up -d --remove-orphans --build",
      ),
    ).toBe(true);
  });

  it("does not move a flag that may own the token after it", () => {
    const publish: CardFields = {
      kind: "typing",
      prompt: "后台运行并映射端口",
      answer: "docker run -d -p 8000:8000 myapi",
    };

    expect(isTyped(publish, "docker run -d -p 8000:8000 myapi")).toBe(true);

    // `-p -d 8000:8000` gives -p the value "-d": a different command.
    expect(isTyped(publish, "docker run -p -d 8000:8000 myapi")).toBe(false);

    // Right in fact, but a flag with a value after a space stays put; the
    // card lists such orders when it accepts them.
    expect(isTyped(publish, "docker run -p 8000:8000 -d myapi")).toBe(false);
  });

  it("does not move a flag across a positional argument unless the card lists that order", () => {
    expect(isTyped(logsFollow, "docker compose logs api -f")).toBe(false);
    expect(isTyped({ ...logsFollow, accept: ["docker compose logs api -f"] }, "docker compose logs api -f")).toBe(true);

    // After `docker run IMAGE`, `--rm` would be passed to the container.
    const run: CardFields = { kind: "typing", prompt: "运行后自动删除", answer: "docker run --rm -d myapi" };

    expect(isTyped(run, "docker run -d myapi --rm")).toBe(false);
  });

  it("keeps the order of the same option given twice, since a later one overrides", () => {
    const files: CardFields = {
      kind: "typing",
      prompt: "叠加两个 compose 文件后启动",
      answer: "docker compose up --file=a.yaml --file=b.yaml --verbose",
    };

    expect(isTyped(files, "docker compose up --verbose --file=a.yaml --file=b.yaml")).toBe(true);
    expect(isTyped(files, "docker compose up --file=a.yaml --verbose --file=b.yaml")).toBe(true);
    expect(isTyped(files, "docker compose up --verbose --file=b.yaml --file=a.yaml")).toBe(false);
  });

  it("does not reorder anything after --", () => {
    const pytest: CardFields = { kind: "typing", prompt: "运行测试", answer: "uv run -- pytest -x -q" };

    expect(isTyped(pytest, "uv run -- pytest -q -x")).toBe(false);
  });

  it("is wrong for a prefix of the right answer", () => {
    expect(isTyped(logsFollow, "docker compose logs")).toBe(false);
    expect(isTyped(logsFollow, "docker compose logs -f")).toBe(false);
    expect(isTyped(upBuild, "docker compose up -d")).toBe(false);
  });

  it("is wrong for the right flags with the wrong service name", () => {
    expect(isTyped(logsFollow, "docker compose logs -f web")).toBe(false);
    expect(isTyped(logsFollow, "docker compose logs --follow db")).toBe(false);
  });

  it("is wrong for an extra flag or extra words", () => {
    expect(isTyped(upBuild, "docker compose up -d --build --force-recreate")).toBe(false);
    expect(isTyped(logsFollow, "docker compose logs -f api db")).toBe(false);
  });

  it("keeps spaces around = and : significant", () => {
    expect(isTyped(buildLine, "build:.")).toBe(false);

    const gpus: CardFields = { kind: "typing", prompt: "所有 GPU", answer: "--gpus=all" };

    expect(isTyped(gpus, "--gpus = all")).toBe(false);
  });

  it("is wrong for an empty answer", () => {
    expect(isTyped(logsFollow, "")).toBe(false);
    expect(isTyped(logsFollow, " `` ")).toBe(false);
  });
});

describe("gradeAnswer: order", () => {
  it("is right for the steps in the card's order and shows them numbered", () => {
    expect(gradeAnswer(order, { kind: "order", order: [0, 1, 2, 3] })).toEqual({
      correct: true,
      expected: "1. FROM\n2. WORKDIR\n3. COPY requirements.txt\n4. RUN pip install",
    });
  });

  it("is wrong for any other arrangement", () => {
    expect(correctness(order, { kind: "order", order: [1, 0, 2, 3] })).toBe(false);
    expect(correctness(order, { kind: "order", order: [3, 2, 1, 0] })).toBe(false);
    expect(correctness(order, { kind: "order", order: [0, 1, 3, 2] })).toBe(false);
  });

  it("rejects a list that is not an arrangement of the card's steps", () => {
    const message = /each of the step indices 0 to 3 exactly once/;

    expectBadRequest(() => gradeAnswer(order, { kind: "order", order: [0, 1, 2] }), message);
    expectBadRequest(() => gradeAnswer(order, { kind: "order", order: [0, 1, 2, 3, 4] }), message);
    expectBadRequest(() => gradeAnswer(order, { kind: "order", order: [0, 1, 1, 3] }), message);
    expectBadRequest(() => gradeAnswer(order, { kind: "order", order: [0, 1, 2, 4] }), message);
    expectBadRequest(() => gradeAnswer(order, { kind: "order", order: [] }), message);
  });
});

describe("gradeAnswer: spot_error", () => {
  it("is right for the faulty line and shows it with its number", () => {
    expect(gradeAnswer(spotError, { kind: "spot_error", line: 4 })).toEqual({
      correct: true,
      expected: "4: DATABASE_URL: postgresql://localhost:5432/app",
    });
  });

  it("is wrong for another line", () => {
    expect(correctness(spotError, { kind: "spot_error", line: 1 })).toBe(false);
    expect(correctness(spotError, { kind: "spot_error", line: 3 })).toBe(false);
  });

  it("rejects a line past the end of the snippet, not counting the final newline", () => {
    expectBadRequest(() => gradeAnswer(spotError, { kind: "spot_error", line: 5 }), /lines 1 to 4/);
  });
});

describe("gradeAnswer: cloze", () => {
  it("is self-graded when the learner reveals and judges", () => {
    expect(gradeAnswer(cloze, { kind: "self", correct: true })).toEqual({ selfGraded: true, correct: true });
    expect(gradeAnswer(cloze, { kind: "self", correct: false })).toEqual({ selfGraded: true, correct: false });
  });

  it("grades a typed gap like a typing card, showing the gap", () => {
    expect(gradeAnswer(cloze, { kind: "cloze", text: " 可复现 " })).toEqual({ correct: true, expected: "可复现" });
    expect(gradeAnswer(cloze, { kind: "cloze", text: "可复现。" })).toEqual({ correct: true, expected: "可复现" });
  });

  it("accepts the card's alternatives", () => {
    expect(correctness(cloze, { kind: "cloze", text: "可重现" })).toBe(true);
    expect(correctness(cloze, { kind: "cloze", text: "可重复" })).toBe(true);
  });

  it("is wrong for another word or a part of the gap", () => {
    expect(correctness(cloze, { kind: "cloze", text: "可运行" })).toBe(false);
    expect(correctness(cloze, { kind: "cloze", text: "可" })).toBe(false);
  });

  it("folds case, since a cloze card has no case setting", () => {
    const workdir: CardFields = { kind: "cloze", text: "设置目录的指令是 {{WORKDIR}}。" };

    expect(correctness(workdir, { kind: "cloze", text: "workdir" })).toBe(true);
  });
});

describe("gradeAnswer: qa", () => {
  it("is self-graded and carries the learner's verdict", () => {
    expect(gradeAnswer(qa, { kind: "self", correct: true })).toEqual({ selfGraded: true, correct: true });
    expect(gradeAnswer(qa, { kind: "self", correct: false })).toEqual({ selfGraded: true, correct: false });
  });
});

describe("gradeAnswer: kind mismatch", () => {
  const cases: Array<[string, CardFields, QuizAnswer]> = [
    ["choice answered as truefalse", choice, { kind: "truefalse", value: true }],
    ["typing answered as cloze", logsFollow, { kind: "cloze", text: "docker compose logs -f api" }],
    ["typing self-graded", logsFollow, { kind: "self", correct: true }],
    ["choice self-graded", choice, { kind: "self", correct: true }],
    ["qa answered by typing", qa, { kind: "typing", text: "镜像" }],
    ["cloze answered as typing", cloze, { kind: "typing", text: "可复现" }],
    ["order answered with a line", order, { kind: "spot_error", line: 1 }],
    ["spot_error answered with an order", spotError, { kind: "order", order: [0, 1, 2, 3] }],
  ];

  it.each(cases)("rejects %s", (_, fields, answer) => {
    expectBadRequest(() => gradeAnswer(fields, answer), /different kind of card/);
  });
});

describe("quizAnswerSchema", () => {
  it("accepts each kind's shape", () => {
    const answers: unknown[] = [
      { kind: "choice", option: 0 },
      { kind: "truefalse", value: false },
      { kind: "typing", text: "docker compose ps" },
      { kind: "order", order: [2, 0, 1] },
      { kind: "spot_error", line: 1 },
      { kind: "cloze", text: "可复现" },
      { kind: "self", correct: true },
    ];

    for (const answer of answers) expect(quizAnswerSchema.safeParse(answer).success).toBe(true);
  });

  it("rejects malformed answers", () => {
    const answers: unknown[] = [
      { kind: "choice", option: -1 },
      { kind: "choice", option: 1.5 },
      { kind: "spot_error", line: 0 },
      { kind: "typing", text: "x".repeat(501) },
      { kind: "cloze", text: "x".repeat(501) },
      { kind: "order", order: [0, -1] },
      { kind: "truefalse", value: "true" },
      { kind: "qa" },
      { kind: "self" },
      { kind: "typing", text: "ok", extra: 1 },
    ];

    for (const answer of answers)
      expect(quizAnswerSchema.safeParse(answer).success, JSON.stringify(answer)).toBe(false);
  });

  it("allows a typed answer of exactly 500 characters", () => {
    expect(quizAnswerSchema.safeParse({ kind: "typing", text: "x".repeat(500) }).success).toBe(true);
  });
});
