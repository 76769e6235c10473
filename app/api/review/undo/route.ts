import { userRoute } from "@/lib/http/handle-route";
import { undoReviewSchema } from "@/lib/reviews/review-schemas";
import { undoReview } from "@/lib/reviews/undo-review";
import { getReadyPrisma } from "@/lib/startup/readiness";

export const POST = userRoute({ body: undoReviewSchema }, async ({ body, userId }) =>
  undoReview({ prisma: await getReadyPrisma(), userId, reviewId: body.reviewId, now: new Date() }),
);
