"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE } from "@/lib/i18n/get-locale";
import { locales } from "@/lib/i18n/messages";

const YEAR_SECONDS = 60 * 60 * 24 * 365;

export async function setLanguage(input: unknown): Promise<void> {
  const locale = z.enum(locales).parse(input);

  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: YEAR_SECONDS, sameSite: "lax" });
}
