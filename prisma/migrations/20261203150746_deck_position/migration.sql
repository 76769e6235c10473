-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "deckPosition" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Card_retiredAt_deckPosition_id_idx" ON "Card"("retiredAt", "deckPosition", "id");

-- CreateIndex
CREATE INDEX "CardState_userId_suspended_state_due_idx" ON "CardState"("userId", "suspended", "state", "due");
