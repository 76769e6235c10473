import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkComposeFile } from "../support/compose-check";

// Static checks of the deployment files, so that a careless edit fails in
// seconds instead of in `npm run test:compose`, which builds and runs them.

const ROOT = path.resolve(import.meta.dirname, "../..");

const readText = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mappingAt(parent: unknown, key: string): Mapping {
  const value = isMapping(parent) ? parent[key] : undefined;

  if (!isMapping(value)) throw new Error(`${key} is not a mapping`);

  return value;
}

// `environment:` as a mapping or as a list of KEY=value.
function environmentOf(service: Mapping): Record<string, string> {
  const environment = service.environment;

  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const [key = "", ...value] = String(entry).split("=");

        return [key, value.join("=")];
      }),
    );
  }

  if (!isMapping(environment)) return {};

  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value ?? "")]));
}

function listOf(value: unknown): unknown[] {
  if (value === undefined) return [];

  return Array.isArray(value) ? value : [value];
}

const INTERPOLATED = "<interpolated>";

// ${VAR}, ${VAR:-default}, ${VAR:?message}: replaced by a marker, since only
// Compose knows their values.
function withoutInterpolation(text: string): string {
  return text.replace(/\$\{[^}]*\}/g, INTERPOLATED);
}

// Literal values where a secret would go. Interpolations (${...}) and
// container-side references ($$VAR) are fine; written-out values are not.
function secretLiterals(text: string): string[] {
  const plain = withoutInterpolation(text);
  const patterns = [
    /\b\w*(?:PASSWORD|SECRET|TOKEN|API_KEY)\w*\s*[=:]\s*["']?(?!<interpolated>|\$\$)[^\s"'#,\]]+/gi,
    /:\/\/[^\s:@/]*:(?!<interpolated>@)[^\s@/]+@/g,
    /\bsk-[A-Za-z0-9_-]{16,}/g,
  ];

  return patterns.flatMap((pattern) => [...plain.matchAll(pattern)].map((match) => match[0]));
}

type Instruction = { keyword: string; args: string; line: number };

type Stage = { from: string; name: string | undefined; instructions: Instruction[] };

// Enough of the Dockerfile grammar for these checks: comments, blank lines and
// backslash continuations.
function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | null = null;

  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();

    if (line.startsWith("#") || line === "") return;

    const continued = line.endsWith("\\");
    const part = continued ? line.slice(0, -1).trim() : line;

    pending = pending ? { text: `${pending.text} ${part}`, line: pending.line } : { text: part, line: index + 1 };

    if (continued) return;

    const [keyword = "", ...rest] = pending.text.split(/\s+/);

    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(" "), line: pending.line });
    pending = null;
  });

  const stages: Stage[] = [];

  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") {
      const [from = "", as, name] = instruction.args.split(/\s+/);

      stages.push({ from, name: as?.toUpperCase() === "AS" ? name : undefined, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }

  return stages;
}

function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};

  for (const { args } of stage.instructions.filter((instruction) => instruction.keyword === "ENV")) {
    const tokens = args.split(/\s+/);

    if (!tokens[0]?.includes("=")) {
      env[tokens[0] ?? ""] = tokens.slice(1).join(" ");
      continue;
    }

    for (const token of tokens) {
      const [key = "", ...value] = token.split("=");

      env[key] = value.join("=").replace(/^"|"$/g, "");
    }
  }

  return env;
}

const composeText = readText("compose.yaml");
const compose: unknown = parse(composeText);
const services = mappingAt(compose, "services");
const app = mappingAt(services, "app");
const db = mappingAt(services, "db");

const dockerfileText = readText("Dockerfile");
const stages = parseDockerfile(dockerfileText);

describe("compose.yaml", () => {
  it("passes the project's compose sanity check", () => {
    expect(checkComposeFile(compose)).toEqual([]);
  });

  it("uses no field that docker-compose 1.29 rejects", () => {
    expect(compose).not.toHaveProperty("name");
    expect(compose).not.toHaveProperty("version");

    for (const service of Object.values(services)) {
      expect(service).not.toHaveProperty("develop");

      const dependsOn = isMapping(service) ? service.depends_on : undefined;

      for (const options of isMapping(dependsOn) ? Object.values(dependsOn) : []) {
        expect(options).not.toHaveProperty("required");
      }
    }
  });

  it("builds app from this folder and publishes port 3000", () => {
    expect(app.build).toBe(".");
    expect(listOf(app.ports).map(String)).toContain("3000:3000");
  });

  it("gives app its settings from .env and a DATABASE_URL whose host is the db service", () => {
    expect(listOf(app.env_file)).toContain(".env");

    const url = new URL(withoutInterpolation(environmentOf(app).DATABASE_URL ?? "").replaceAll(INTERPOLATED, "x"));

    expect(url.protocol).toMatch(/^postgres(ql)?:$/);
    expect(url.hostname).toBe("db");
  });

  it("starts app only once db is healthy, restarts it unless stopped, and checks its health", () => {
    expect(mappingAt(mappingAt(app, "depends_on"), "db").condition).toBe("service_healthy");
    expect(app.restart).toBe("unless-stopped");
    expect(JSON.stringify(mappingAt(app, "healthcheck").test)).toContain("/api/health");
  });

  it("writes healthcheck commands without spaces inside arguments, which Podman would split", () => {
    for (const service of [app, db]) {
      const test = listOf(mappingAt(service, "healthcheck").test).map(String);

      // CMD-SHELL hands one string to a shell, where spaces are fine.
      if (test[0] === "CMD-SHELL") continue;

      for (const argument of test) expect(argument).not.toMatch(/\s/);
    }
  });

  it("runs postgres:16 with a pg_isready healthcheck that has an interval, a timeout and retries", () => {
    const healthcheck = mappingAt(db, "healthcheck");

    expect(db.image).toBe("postgres:16");
    expect(JSON.stringify(healthcheck.test)).toContain("pg_isready");
    expect(healthcheck).toHaveProperty("interval");
    expect(healthcheck).toHaveProperty("timeout");
    expect(healthcheck).toHaveProperty("retries");
  });

  it("takes the database credentials from the env file, not from literals", () => {
    const environment = environmentOf(db);

    for (const key of ["POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"]) {
      expect(environment[key], key).toMatch(/^\$\{[A-Z_]+[^}]*\}$/);
    }
  });

  it("keeps the data in the named volume pgdata, declared at the top level", () => {
    const mounts = listOf(db.volumes).map((volume) =>
      isMapping(volume) ? `${String(volume.source)}:${String(volume.target)}` : String(volume),
    );

    expect(mounts).toContain("pgdata:/var/lib/postgresql/data");
    expect(Object.keys(mappingAt(compose, "volumes"))).toContain("pgdata");
  });

  it("publishes no database port", () => {
    expect(db).not.toHaveProperty("ports");
  });

  it("contains no secret", () => {
    expect(secretLiterals(composeText)).toEqual([]);
  });
});

describe("Dockerfile", () => {
  const runtime = stages.at(-1);
  const deps = stages.find((stage) =>
    stage.instructions.some((instruction) => instruction.keyword === "RUN" && /\bnpm ci\b/.test(instruction.args)),
  );

  it("has several stages and runs on node:20-slim", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime?.from).toBe("node:20-slim");
  });

  it("copies the lock file before the source and installs with npm ci", () => {
    expect(deps, "a stage that runs npm ci").toBeDefined();

    const instructions = deps?.instructions ?? [];
    const lockCopy = instructions.findIndex(
      (instruction) => instruction.keyword === "COPY" && instruction.args.includes("package-lock.json"),
    );
    const install = instructions.findIndex(
      (instruction) => instruction.keyword === "RUN" && /\bnpm ci\b/.test(instruction.args),
    );
    const sourceCopy = instructions.findIndex(
      (instruction) => instruction.keyword === "COPY" && /^(\S+\s+)*\.\s+\S+$/.test(instruction.args),
    );

    expect(lockCopy).toBeGreaterThanOrEqual(0);
    expect(lockCopy).toBeLessThan(install);

    if (sourceCopy >= 0) expect(sourceCopy).toBeGreaterThan(install);

    expect(dockerfileText).not.toMatch(/\bnpm install\b/);
  });

  it("runs as a user other than root", () => {
    const users = (runtime?.instructions ?? []).filter((instruction) => instruction.keyword === "USER");
    const user = users.at(-1)?.args.split(":")[0];

    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
  });

  it("listens on all interfaces on port 3000", () => {
    const instructions = runtime?.instructions ?? [];

    expect(envOf(runtime ?? { from: "", name: undefined, instructions: [] }).HOSTNAME).toBe("0.0.0.0");
    expect(instructions.filter((instruction) => instruction.keyword === "EXPOSE").map((i) => i.args)).toContain("3000");
  });

  it("has a healthcheck on /api/health", () => {
    const healthcheck = (runtime?.instructions ?? []).find((instruction) => instruction.keyword === "HEALTHCHECK");

    expect(healthcheck?.args).toContain("/api/health");
  });

  it("copies into the runtime stage only from earlier stages, not the source folder", () => {
    const copies = (runtime?.instructions ?? []).filter(
      (instruction) => instruction.keyword === "COPY" || instruction.keyword === "ADD",
    );

    expect(copies.length).toBeGreaterThan(0);

    for (const copy of copies) expect(copy.args, `line ${copy.line}`).toMatch(/--from=/);
  });

  it("builds with Podman's builder: no syntax directive, no heredoc", () => {
    expect(dockerfileText).not.toMatch(/^#\s*syntax=/m);
    expect(dockerfileText).not.toMatch(/<<-?\s*['"]?[A-Z]+/);
  });

  it("contains no secret, and declares none as ENV or ARG", () => {
    expect(secretLiterals(dockerfileText)).toEqual([]);

    const declared = stages
      .flatMap((stage) => stage.instructions)
      .filter((instruction) => instruction.keyword === "ENV" || instruction.keyword === "ARG")
      .filter((instruction) => /\b\w*(PASSWORD|SECRET|TOKEN|API_KEY)\w*/i.test(instruction.args));

    expect(declared).toEqual([]);
  });
});

describe("secret detector", () => {
  it("flags written-out secrets and lets interpolations through", () => {
    expect(secretLiterals("POSTGRES_PASSWORD: hunter2hunter2")).not.toEqual([]);
    expect(secretLiterals("ENV NEXTAUTH_SECRET=abc123")).not.toEqual([]);
    expect(secretLiterals("DATABASE_URL: postgresql://ebb:letmein@db:5432/ebb")).not.toEqual([]);
    expect(secretLiterals("OPENAI: sk-abcdefghijklmnopqrstuvwx")).not.toEqual([]);
    expect(secretLiterals(`POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:?set it}`)).toEqual([]);
    expect(secretLiterals(`postgresql://\${USER}:\${POSTGRES_PASSWORD}@db:5432/\${DB}`)).toEqual([]);
  });
});

describe(".dockerignore and .env.example", () => {
  it("keeps env files, installed modules and local data out of the build context", () => {
    const entries = readText(".dockerignore")
      .split("\n")
      .map((line) => line.trim());

    for (const entry of [".env", "node_modules", ".data", ".git", ".next"]) expect(entries).toContain(entry);
  });

  it("documents every variable compose.yaml reads, with an empty NEXTAUTH_SECRET", () => {
    const example = readText(".env.example");
    const interpolated = [...composeText.matchAll(/\$\{([A-Z_]+)/g)].map((match) => match[1]);

    for (const name of new Set([
      ...interpolated,
      "NEXTAUTH_SECRET",
      "NEXTAUTH_URL",
      "EBB_DB_WAIT_SECONDS",
      "LOG_LEVEL",
    ])) {
      expect(example, name).toMatch(new RegExp(`^#?\\s*${name}=`, "m"));
    }

    expect(example).toMatch(/^NEXTAUTH_SECRET=$/m);
  });
});
