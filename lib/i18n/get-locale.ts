import { cookies, headers } from "next/headers";
import { isLocale, type Locale, localeFromAcceptLanguage, messages } from "./messages";

export const LOCALE_COOKIE = "ebb-lang";

// A chosen language is remembered for a year.
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

// The language chosen with the switch, else the browser's.
export async function getLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;

  if (isLocale(chosen)) return chosen;

  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}

export async function getMessages() {
  const locale = await getLocale();

  return { locale, t: messages[locale] };
}
