import { NextResponse } from "next/server";
import { getDatabase } from "@/lib/db";
import { checkHealth } from "@/lib/health/check-health";
import { logger } from "@/lib/log";
import { MIGRATIONS_DIR } from "@/lib/startup/prepare-database";
import { ensureReady } from "@/lib/startup/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  // Retry preparation while it has not succeeded, so a database that comes up
  // late is migrated and synced without a restart.
  await ensureReady().catch((error: unknown) => logger.warn("not ready", { error }));

  const database = await getDatabase();
  const report = await checkHealth({
    backend: database.backend,
    withExecutor: database.withExecutor,
    migrationsDir: MIGRATIONS_DIR,
  });

  return NextResponse.json(
    { app: "ok", ...report },
    { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
