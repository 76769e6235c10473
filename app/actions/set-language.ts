"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from "@/lib/i18n/get-locale";
import { locales } from "@/lib/i18n/messages";

// A form action, so the switch works before the page's script has loaded.
export async function setLanguage(form: FormData): Promise<void> {
  const locale = z.enum(locales).safeParse(form.get("locale"));

  if (!locale.success) return;

  (await cookies()).set(LOCALE_COOKIE, locale.data, { path: "/", maxAge: LOCALE_COOKIE_MAX_AGE, sameSite: "lax" });
}
