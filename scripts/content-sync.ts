import { ContentError, formatProblem } from "../lib/content/content-error";
import { databaseConfigFromEnv } from "../lib/db";
import { openDatabase } from "../lib/db/open-database";
import { prepareDatabase } from "../lib/startup/prepare-database";

// Applies pending migrations and syncs content/ into the database named by
// DATABASE_URL (or the embedded one). A bad file aborts before any write.
const database = await openDatabase(databaseConfigFromEnv());

try {
  const { migrationsApplied, sync } = await prepareDatabase(database);

  if (migrationsApplied.length > 0) process.stdout.write(`applied migrations: ${migrationsApplied.join(", ")}\n`);
  process.stdout.write(
    `content synced (${database.backend}): ${sync.cardsCreated} created, ${sync.cardsUpdated} updated, ` +
      `${sync.cardsRetired} retired, ${sync.cardsRestored} restored, ${sync.unchanged} unchanged; ` +
      `${sync.topicsUpserted} topics written\n`,
  );
} catch (error) {
  if (!(error instanceof ContentError)) throw error;

  for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
  process.stderr.write("content sync aborted: nothing was changed\n");
  process.exitCode = 1;
} finally {
  await database.close();
}
