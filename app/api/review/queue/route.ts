import { z } from "zod";
import { AppError } from "@/lib/errors";
import { userRoute } from "@/lib/http/handle-route";
import { getLocale } from "@/lib/i18n/get-locale";
import { getReviewQueue } from "@/lib/reviews/get-review-queue";
import { getReadyPrisma } from "@/lib/startup/readiness";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(20).default(5),
  // Cards the client already holds or has rated with the save still pending.
  exclude: z
    .string()
    .max(4_000)
    .default("")
    .transform((value) => value.split(",").filter(Boolean))
    .pipe(z.array(z.string().max(120)).max(100)),
});

export const GET = userRoute({}, async ({ request, userId }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = querySchema.safeParse(params);

  if (!query.success)
    throw new AppError("bad_request", "limit must be 1–20 and exclude a comma-separated list of card ids");

  return getReviewQueue({
    prisma: await getReadyPrisma(),
    userId,
    now: new Date(),
    locale: await getLocale(),
    limit: query.data.limit,
    exclude: query.data.exclude,
  });
});
