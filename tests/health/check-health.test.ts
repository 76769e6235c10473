import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/open-database";
import { checkHealth } from "@/lib/health/check-health";
import { createTestDatabase, MIGRATIONS_DIR, type TestDatabase } from "../support/test-database";

const opened: TestDatabase[] = [];

afterAll(async () => {
  await Promise.all(opened.map((db) => db.drop()));
});

async function health(database: Awaited<ReturnType<typeof openDatabase>>) {
  return checkHealth({ backend: database.backend, withExecutor: database.withExecutor, migrationsDir: MIGRATIONS_DIR });
}

describe("checkHealth", () => {
  it("is ok when the database answers and is migrated", async () => {
    const db = await createTestDatabase();

    opened.push(db);

    expect(await health(db.database)).toMatchObject({ status: "ok", database: "up" });
  });

  it("is unavailable with a reason while migrations are pending", async () => {
    const db = await createTestDatabase({ migrate: false });

    opened.push(db);

    const report = await health(db.database);

    expect(report).toMatchObject({ status: "unavailable", database: "not-migrated" });
    expect(report.status === "unavailable" && report.reason).toMatch(/pending migrations: \d{14}_init/);
  });

  it("is unavailable with a reason when the database server is down", async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const address = server.address();

        server.close(() => resolve(typeof address === "object" && address ? address.port : 1));
      });
    });
    const database = await openDatabase({ url: `postgresql://postgres@127.0.0.1:${port}/ebb` });

    try {
      const report = await health(database);

      expect(report).toMatchObject({ status: "unavailable", database: "down" });
      expect(report.status === "unavailable" && report.reason).toMatch(/database unreachable: .*ECONNREFUSED/);
    } finally {
      await database.close();
    }
  });
});
