import { describe, expect, it } from "vitest";
import { normalizeAnswer } from "@/lib/quiz/normalize-text";

const folded = (text: string) => normalizeAnswer(text, { caseSensitive: false });
const exact = (text: string) => normalizeAnswer(text, { caseSensitive: true });

describe("normalizeAnswer", () => {
  it("trims and collapses runs of whitespace, tabs and newlines included", () => {
    expect(folded("  docker   compose\tup \n -d  ")).toBe("docker compose up -d");
  });

  it("turns full-width ASCII and the ideographic space into plain ASCII", () => {
    expect(exact("ｄｏｃｋｅｒ\u3000ｃｏｍｐｏｓｅ　ｕｐ　－ｄ")).toBe("docker compose up -d");
    expect(exact("ＦＲＯＭ python：3.11-slim")).toBe("FROM python:3.11-slim");
    expect(exact("docker run －－publish＝8000：8000 myapi")).toBe("docker run --publish=8000:8000 myapi");
  });

  it("turns punctuation typed in Chinese mode into what the command needs", () => {
    expect(exact("test: 【“CMD-SHELL”， “pg_isready”】")).toBe('test: ["CMD-SHELL", "pg_isready"]');
    expect(exact("CMD （‘a’）；x")).toBe("CMD ('a');x");
    expect(exact("condition: service——healthy")).toBe("condition: service_healthy");
    expect(exact("echo ￥HOME")).toBe("echo $HOME");
    expect(exact("api、db")).toBe("api,db");
    expect(exact("python：3。11-slim")).toBe("python:3.11-slim");
  });

  it("keeps a 。 that stands for the `.` path and drops one that ends a sentence", () => {
    expect(exact("build: 。")).toBe("build: .");
    expect(exact("COPY 。 。")).toBe("COPY . .");
    expect(exact("镜像。")).toBe("镜像");
    expect(exact("docker compose ps。")).toBe("docker compose ps");
  });

  it("keeps spaces around = and : as typed, because they change what a shell or YAML reads", () => {
    expect(exact("KEY = value")).toBe("KEY = value");
    expect(exact("KEY=value")).toBe("KEY=value");
    expect(exact("build: .")).not.toBe(exact("build:."));
    expect(exact("--gpus=all")).not.toBe(exact("--gpus = all"));
  });

  it("folds case unless the card is case-sensitive", () => {
    expect(folded("FROM Python:3.11-SLIM")).toBe("from python:3.11-slim");
    expect(exact("FROM Python:3.11-SLIM")).toBe("FROM Python:3.11-SLIM");
  });

  it("drops trailing semicolons, ASCII or full-width", () => {
    expect(exact("docker compose ps;")).toBe("docker compose ps");
    expect(exact("docker compose ps ;;")).toBe("docker compose ps");
    expect(exact("docker compose ps；")).toBe("docker compose ps");
  });

  it("unwraps a whole answer put in backticks or quotes, in any nesting with a trailing semicolon", () => {
    expect(exact("`docker compose ps`")).toBe("docker compose ps");
    expect(exact("```docker compose ps```")).toBe("docker compose ps");
    expect(exact('"docker compose ps"')).toBe("docker compose ps");
    expect(exact("'docker compose ps'")).toBe("docker compose ps");
    expect(exact("“docker compose ps”")).toBe("docker compose ps");
    expect(exact("·docker compose ps·")).toBe("docker compose ps");
    expect(exact('`"docker compose ps";`;')).toBe("docker compose ps");
    expect(exact('"镜像。"')).toBe("镜像");
  });

  it("leaves quotes that belong to the command", () => {
    expect(exact('- "8000:8000"')).toBe('- "8000:8000"');
    expect(exact('"a" and "b"')).toBe('"a" and "b"');
    expect(exact("`a` `b`")).toBe("`a` `b`");
    expect(exact("`docker compose ps")).toBe("`docker compose ps");
  });

  it("returns an empty string for an answer of only blanks and wrappers", () => {
    expect(exact("  \u3000 ")).toBe("");
    expect(exact('"";')).toBe("");
  });
});
