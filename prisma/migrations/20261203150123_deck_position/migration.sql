-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "deckPosition" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Card_retiredAt_deckPosition_idx" ON "Card"("retiredAt", "deckPosition");

-- CreateIndex
CREATE INDEX "CardState_userId_suspended_state_due_idx" ON "CardState"("userId", "suspended", "state", "due");
