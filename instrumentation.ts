// Runs once when the server starts: apply pending migrations and sync the
// content before the first request. A database that is down is not fatal:
// health reports 503 and preparation is retried on demand.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;

  const { ensureReady } = await import("./lib/startup/readiness");
  const { logger } = await import("./lib/log");

  await ensureReady().catch((error: unknown) => {
    logger.error("startup preparation failed; will retry on demand", { error });
  });
}
