import type { PrismaClient } from "../generated/prisma/client";
import { credentialsSchema } from "./account-schemas";
import { decoyPasswordHash, verifyPassword } from "./password";
import { clearFailures, lockedUntil, recordFailure, throttleKeys } from "./sign-in-throttle";

export type AuthenticationResult =
  | { ok: true; user: { id: string; email: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date };

// Checks a sign-in attempt against the throttle, then the password. A locked
// account or address is refused before the password is even checked, so a
// guesser learns nothing while locked.
export async function authenticate(options: {
  prisma: PrismaClient;
  email: unknown;
  password: unknown;
  address: string;
  now: Date;
}): Promise<AuthenticationResult> {
  const { prisma, now } = options;
  const parsed = credentialsSchema.safeParse({ email: options.email, password: options.password });

  if (!parsed.success) return { ok: false, reason: "invalid" };

  const { email, password } = parsed.data;
  const keys = throttleKeys(email, options.address);
  const retryAt = await lockedUntil({ prisma, keys, now });

  if (retryAt) return { ok: false, reason: "throttled", retryAt };

  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, passwordHash: true },
  });
  const matches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);

  if (!user || !matches) {
    await recordFailure({ prisma, keys, now });

    return { ok: false, reason: "invalid" };
  }

  await clearFailures({ prisma, key: `email:${email}` });

  return { ok: true, user: { id: user.id, email: user.email } };
}
