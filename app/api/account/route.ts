import { NextResponse } from "next/server";
import { z } from "zod";
import { credentialsSchema } from "@/lib/accounts/account-schemas";
import { createAccount } from "@/lib/accounts/create-account";
import { publicRoute } from "@/lib/http/handle-route";
import { isTimeZone } from "@/lib/settings/is-time-zone";
import { getReadyPrisma } from "@/lib/startup/readiness";

const signUpSchema = credentialsSchema
  .extend({ timeZone: z.string().max(64).refine(isTimeZone, "unknown time zone").optional() })
  .strict();

// Sign-up. The client signs in with the same credentials afterwards.
export const POST = publicRoute({ body: signUpSchema }, async ({ body, log }) => {
  const account = await createAccount({ prisma: await getReadyPrisma(), ...body });

  log.info("account created", { userId: account.id });

  return NextResponse.json({ id: account.id, email: account.email }, { status: 201 });
});
