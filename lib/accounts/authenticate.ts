import type { PrismaClient } from "../generated/prisma/client";
import { credentialsSchema } from "./account-schemas";
import { decoyPasswordHash, verifyPassword } from "./password";
import {
  clearFailures,
  countAttempt,
  lockedUntil,
  THROTTLE_POLICY,
  throttleKeys,
  uncountAttempt,
} from "./sign-in-throttle";

export type AuthenticationResult =
  | { ok: true; user: { id: string; email: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date };

// Checks a sign-in attempt against the throttle, then the password. The
// attempt is counted before the password is checked, so a locked account or
// address, or an attempt beyond the limit, is refused unchecked: a guesser
// learns nothing while locked, however many attempts run in parallel.
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

  if (await countAttempt({ prisma, keys, now })) {
    return { ok: false, reason: "throttled", retryAt: (await lockedUntil({ prisma, keys, now })) ?? now };
  }

  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, passwordHash: true },
  });
  const matches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);

  if (!user || !matches) return { ok: false, reason: "invalid" };

  const [accountKey, addressKey] = keys;

  if (accountKey) await clearFailures({ prisma, key: accountKey.key });
  if (addressKey)
    await uncountAttempt({ prisma, key: addressKey.key, maxFailures: THROTTLE_POLICY.address.maxFailures });

  return { ok: true, user: { id: user.id, email: user.email } };
}
