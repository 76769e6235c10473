-- DropIndex
DROP INDEX "ReviewLog_userId_reviewedAt_idx";

-- CreateIndex
CREATE INDEX "ReviewLog_userId_reviewedAt_undoneAt_stateBefore_rating_dur_idx" ON "ReviewLog"("userId", "reviewedAt", "undoneAt", "stateBefore", "rating", "durationMs", "cardId");
