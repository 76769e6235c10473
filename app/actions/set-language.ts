"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE } from "@/lib/i18n/get-locale";
import { locales } from "@/lib/i18n/messages";

const YEAR_SECONDS = 60 * 60 * 24 * 365;

// A form action, so the switch works before the page's script has loaded.
export async function setLanguage(form: FormData): Promise<void> {
  const locale = z.enum(locales).safeParse(form.get("locale"));

  if (!locale.success) return;

  (await cookies()).set(LOCALE_COOKIE, locale.data, { path: "/", maxAge: YEAR_SECONDS, sameSite: "lax" });
}
