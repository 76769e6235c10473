import { z } from "zod";
import { createBackup } from "@/lib/backup/create-backup";
import { restoreBackup } from "@/lib/backup/restore-backup";
import { userRoute } from "@/lib/http/handle-route";
import { getReadyPrisma } from "@/lib/startup/readiness";

// The settings page sends the backup gzip-compressed (about a tenth of its
// size), so 50 MB on the wire holds what unpacks to 400 MB: some 500,000
// reviews. The whole backup is parsed in memory, which is what bounds it.
const MAX_BACKUP_BYTES = 50 * 1024 * 1024;
const MAX_UNPACKED_BACKUP_BYTES = 400 * 1024 * 1024;

export const dynamic = "force-dynamic";

export const GET = userRoute({}, async ({ userId }) => {
  const now = new Date();
  const backup = await createBackup({ prisma: await getReadyPrisma(), userId, now });
  const day = now.toISOString().slice(0, 10);

  return new Response(JSON.stringify(backup), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="ebb-backup-${day}.json"`,
      "cache-control": "no-store",
    },
  });
});

// The body is only parsed as JSON here; restoreBackup validates its shape,
// so every caller gets the same checks and messages.
export const POST = userRoute(
  { body: z.unknown(), maxBodyBytes: MAX_BACKUP_BYTES, maxGunzippedBytes: MAX_UNPACKED_BACKUP_BYTES },
  async ({ body, userId }) => restoreBackup({ prisma: await getReadyPrisma(), userId, backup: body }),
);
