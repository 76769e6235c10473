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

type Messages = Awaited<ReturnType<typeof getMessages>>["t"];
type NavLink = { href: string; label: (t: Messages) => string; primary?: boolean };

const SIGNED_IN_LINKS: NavLink[] = [
  { href: "/review", label: (t) => t.nav.review, primary: true },
  { href: "/quiz", label: (t) => t.nav.quiz, primary: true },
  { href: "/stats", label: (t) => t.nav.stats },
  { href: "/suspended", label: (t) => t.nav.suspended },
  { href: "/settings", label: (t) => t.nav.settings },
  { href: "/notes", label: (t) => t.nav.notes },
];

const SIGNED_OUT_LINKS: NavLink[] = [
  { href: "/signin", label: (t) => t.auth.signIn, primary: true },
  { href: "/notes", label: (t) => t.nav.notes },
];

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getMessages();
  const signedIn = Boolean(await currentUserId());

  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body className="min-h-screen antialiased">
        <Providers>
          <header className="border-b border-slate-200 bg-white/80 dark:border-slate-800 dark:bg-slate-900/80">
            {/* On a phone: the name and the language on one row, the links
                on one scrolling row below; from sm up, all on one row. */}
            <nav className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
              <Link href="/" className="order-1 text-lg font-semibold tracking-tight">
                {t.appName}
              </Link>
              <div className="order-3 -mx-4 flex w-full items-center gap-x-4 overflow-x-auto px-4 text-sm whitespace-nowrap sm:order-2 sm:mx-0 sm:ml-auto sm:w-auto sm:px-0">
                {(signedIn ? SIGNED_IN_LINKS : SIGNED_OUT_LINKS).map(({ href, label, primary }) => (
                  <Link key={href} href={href} className={`hover:underline ${primary ? "font-medium" : ""}`}>
                    {label(t)}
                  </Link>
                ))}
                {signedIn && <SignOutButton label={t.auth.signOut} />}
              </div>
              <div className="order-2 ml-auto text-sm sm:order-3 sm:ml-0">
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
