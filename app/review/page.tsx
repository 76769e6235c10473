import { redirect } from "next/navigation";
import { ReviewSession } from "@/components/review/review-session";
import { currentUserId } from "@/lib/auth/current-user";
import { getLocale } from "@/lib/i18n/get-locale";

export default async function ReviewPage() {
  const userId = await currentUserId();

  if (!userId) redirect("/signin?next=/review");

  return <ReviewSession userId={userId} locale={await getLocale()} />;
}
