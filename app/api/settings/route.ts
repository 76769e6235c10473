import { NextResponse } from "next/server";
import { userRoute } from "@/lib/http/handle-route";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from "@/lib/i18n/get-locale";
import { getSettings } from "@/lib/settings/get-settings";
import { settingsUpdateSchema } from "@/lib/settings/settings-schema";
import { updateSettings } from "@/lib/settings/update-settings";
import { getReadyPrisma } from "@/lib/startup/readiness";

export const dynamic = "force-dynamic";

export const GET = userRoute({}, async ({ userId }) => getSettings({ prisma: await getReadyPrisma(), userId }));

export const PATCH = userRoute({ body: settingsUpdateSchema }, async ({ body, userId }) => {
  const settings = await updateSettings({ prisma: await getReadyPrisma(), userId, changes: body });
  const response = NextResponse.json(settings);

  // The interface language is read from a cookie on every page, so saving it
  // here takes effect without a database read per request.
  if (body.language) {
    response.cookies.set(LOCALE_COOKIE, body.language, { path: "/", maxAge: LOCALE_COOKIE_MAX_AGE, sameSite: "lax" });
  } else if (body.language === null) {
    response.cookies.delete(LOCALE_COOKIE);
  }

  return response;
});
