import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/language-switch";
import { Providers } from "@/components/providers";
import { SignOutButton } from "@/components/sign-out-button";
import { currentUserId } from "@/lib/auth/current-user";
import { getMessages } from "@/lib/i18n/get-locale";
import "./globals.css";

export const metadata: Metadata = {
  title: "Ebb",
  description: "Spaced-repetition cards and quizzes for Docker",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getMessages();
  const signedIn = Boolean(await currentUserId());

  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body className="min-h-screen antialiased">
        <Providers>
          <header className="border-b border-slate-200 bg-white/80 dark:border-slate-800 dark:bg-slate-900/80">
            <nav className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
              <Link href="/" className="text-lg font-semibold tracking-tight">
                {t.appName}
              </Link>
              <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
                {signedIn ? (
                  <>
                    <Link href="/review" className="font-medium hover:underline">
                      {t.nav.review}
                    </Link>
                    <Link href="/quiz" className="font-medium hover:underline">
                      {t.nav.quiz}
                    </Link>
                    <Link href="/stats" className="hover:underline">
                      {t.nav.stats}
                    </Link>
                    <Link href="/suspended" className="hover:underline">
                      {t.nav.suspended}
                    </Link>
                    <Link href="/settings" className="hover:underline">
                      {t.nav.settings}
                    </Link>
                    <SignOutButton label={t.auth.signOut} />
                  </>
                ) : (
                  <Link href="/signin" className="font-medium hover:underline">
                    {t.auth.signIn}
                  </Link>
                )}
                <Link href="/notes" className="hover:underline">
                  {t.nav.notes}
                </Link>
                <LanguageSwitch current={locale} label={t.nav.language} />
              </div>
            </nav>
          </header>
          <main className="mx-auto max-w-3xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
