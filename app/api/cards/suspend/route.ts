import { userRoute } from "@/lib/http/handle-route";
import { suspendCardSchema } from "@/lib/reviews/review-schemas";
import { setCardSuspended } from "@/lib/reviews/set-card-suspended";
import { getReadyPrisma } from "@/lib/startup/readiness";

export const POST = userRoute({ body: suspendCardSchema }, async ({ body, userId }) =>
  setCardSuspended({ prisma: await getReadyPrisma(), userId, ...body, now: new Date() }),
);
