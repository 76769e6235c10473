import { exportReviewCsv } from "@/lib/backup/export-review-csv";
import { userRoute } from "@/lib/http/handle-route";
import { getReadyPrisma } from "@/lib/startup/readiness";

export const dynamic = "force-dynamic";

export const GET = userRoute({}, async ({ userId }) => {
  const stream = exportReviewCsv({ prisma: await getReadyPrisma(), userId });

  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="ebb-reviews.csv"',
      "cache-control": "no-store",
    },
  });
});
