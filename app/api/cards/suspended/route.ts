import { userRoute } from "@/lib/http/handle-route";
import { getLocale } from "@/lib/i18n/get-locale";
import { listSuspendedCards } from "@/lib/reviews/list-suspended-cards";
import { getReadyPrisma } from "@/lib/startup/readiness";

export const dynamic = "force-dynamic";

export const GET = userRoute({}, async ({ userId }) => ({
  cards: await listSuspendedCards({ prisma: await getReadyPrisma(), userId, locale: await getLocale() }),
}));
