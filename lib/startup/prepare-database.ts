import path from "node:path";
import { loadContent } from "../content/load-content";
import { type SyncSummary, syncContent } from "../content/sync-content";
import { applyMigrations } from "../db/apply-migrations";
import type { Database } from "../db/open-database";

// Read at run time from the working directory, not traced into the build.
export const MIGRATIONS_DIR = path.resolve(
  /*turbopackIgnore: true*/ process.env.EBB_MIGRATIONS_DIR ?? "prisma/migrations",
);
export const CONTENT_DIR = path.resolve(/*turbopackIgnore: true*/ process.env.EBB_CONTENT_DIR ?? "content");

export type Preparation = { migrationsApplied: string[]; sync: SyncSummary };

// Applies pending migrations, then syncs the content files. Content is loaded
// and validated before anything is written, so a bad file changes nothing.
export async function prepareDatabase(
  database: Database,
  options: { contentDir?: string; migrationsDir?: string } = {},
): Promise<Preparation> {
  const content = await loadContent(options.contentDir ?? CONTENT_DIR);
  const migrationsApplied = await database.withExecutor((executor) =>
    applyMigrations(executor, options.migrationsDir ?? MIGRATIONS_DIR),
  );
  const sync = await syncContent({ prisma: database.prisma, content });

  return { migrationsApplied, sync };
}
