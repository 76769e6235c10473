import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/language-switch";
import { Providers } from "@/components/providers";
import { getMessages } from "@/lib/i18n/get-locale";
import "./globals.css";

export const metadata: Metadata = {
  title: "Ebb",
  description: "Spaced-repetition cards and quizzes for Docker",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getMessages();

  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body className="min-h-screen antialiased">
        <Providers>
          <header className="border-b border-slate-200 bg-white/80 dark:border-slate-800 dark:bg-slate-900/80">
            <nav className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3">
              <Link href="/" className="text-lg font-semibold tracking-tight">
                {t.appName}
              </Link>
              <LanguageSwitch current={locale} label={t.nav.language} />
            </nav>
          </header>
          <main className="mx-auto max-w-3xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
