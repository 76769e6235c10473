import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth-form";
import { currentUserId } from "@/lib/auth/current-user";
import { safeNext } from "@/lib/auth/safe-next";
import { getMessages } from "@/lib/i18n/get-locale";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const next = safeNext((await searchParams).next);

  if (await currentUserId()) redirect(next);

  const { t } = await getMessages();

  return <AuthForm mode="signin" labels={t.auth} next={next} />;
}
