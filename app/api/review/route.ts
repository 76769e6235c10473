import { userRoute } from "@/lib/http/handle-route";
import { reviewTime, submitReviewSchema } from "@/lib/reviews/review-schemas";
import { submitReview } from "@/lib/reviews/submit-review";
import { getReadyPrisma } from "@/lib/startup/readiness";

// Saves one rating from the daily review.
export const POST = userRoute({ body: submitReviewSchema }, async ({ body, userId }) => {
  const now = new Date();

  return submitReview({
    prisma: await getReadyPrisma(),
    userId,
    ...body,
    source: "review",
    reviewedAt: reviewTime(body.reviewedAt, now),
  });
});
