import { randomBytes } from "node:crypto";
import pg from "pg";
import { createAccount } from "../../lib/accounts/create-account";
import { type Database, openDatabase } from "../../lib/db/open-database";
import { prepareDatabase } from "../../lib/startup/prepare-database";
import { type SeedSummary, seedBenchData } from "./seed";

export type BenchDatabase = {
  name: string;
  serverVersion: string;
  url: string;
  // The measured user's id, for measurements that call the app's code directly.
  bigUserId: string;
  seed: SeedSummary;
  drop(): Promise<void>;
};

export type BenchDatabaseOptions = {
  adminUrl: string;
  migrationsDir: string;
  contentDir: string;
  email: string;
  password: string;
  bigUserCards: number;
  bigUserLogs: number;
  otherUsers: number;
  otherUserStates: number;
  otherUserLogs: number;
  // Receives the drop before anything is created, so an interrupted setup still cleans up.
  onCreated(drop: () => Promise<void>): void;
};

// A throwaway database beside the admin one: created empty, migrated and
// synced by the app's own startup code, then seeded with SQL.
export async function createBenchDatabase(options: BenchDatabaseOptions): Promise<BenchDatabase> {
  const name = `ebb_bench_${randomBytes(5).toString("hex")}`;
  const url = new URL(options.adminUrl);

  url.pathname = `/${name}`;

  const drop = async () => {
    await withAdmin(options.adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };

  // Registered before the database exists: dropping one that never came to be
  // is harmless, a database left behind by a Ctrl-C at the wrong moment is not.
  options.onCreated(drop);

  const serverVersion = await withAdmin(options.adminUrl, async (admin) => {
    await admin.query(`CREATE DATABASE ${name}`);

    const version = await admin.query<{ server_version: string }>("SHOW server_version");

    return version.rows[0]?.server_version ?? "unknown";
  });
  let database: Database | undefined;

  try {
    database = await openDatabase({ url: url.toString() });
    await prepareDatabase(database, { migrationsDir: options.migrationsDir, contentDir: options.contentDir });

    // The measured user signs up the app's way; the others reuse its argon2id
    // hash, which saves a second of hashing per account and signs in the same.
    const account = await createAccount({
      prisma: database.prisma,
      email: options.email,
      password: options.password,
    });
    const seed = await database.withExecutor((executor) =>
      seedBenchData(executor, {
        bigUserId: account.id,
        bigUserCards: options.bigUserCards,
        bigUserLogs: options.bigUserLogs,
        otherUsers: options.otherUsers,
        otherUserStates: options.otherUserStates,
        otherUserLogs: options.otherUserLogs,
      }),
    );

    return { name, serverVersion, url: url.toString(), bigUserId: account.id, seed, drop };
  } finally {
    await database?.close();
  }
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });

  await client.connect();

  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
