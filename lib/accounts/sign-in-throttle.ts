import type { PrismaClient } from "../generated/prisma/client";

const MINUTE = 60_000;

// Failures allowed per key within the window before the key is locked.
export const THROTTLE_POLICY = {
  account: { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  address: { maxFailures: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
} as const;

export type ThrottleKey = { key: string; policy: keyof typeof THROTTLE_POLICY };

export function throttleKeys(email: string, address: string): ThrottleKey[] {
  return [
    { key: `email:${email}`, policy: "account" },
    { key: `ip:${address}`, policy: "address" },
  ];
}

// The latest lock among the keys still in force at `now`, or null.
export async function lockedUntil(options: {
  prisma: PrismaClient;
  keys: ThrottleKey[];
  now: Date;
}): Promise<Date | null> {
  const rows = await options.prisma.signInThrottle.findMany({
    where: { key: { in: options.keys.map((k) => k.key) }, lockedUntil: { gt: options.now } },
    select: { lockedUntil: true },
  });
  const times = rows.flatMap((row) => (row.lockedUntil ? [row.lockedUntil.getTime()] : []));

  return times.length > 0 ? new Date(Math.max(...times)) : null;
}

// Counts an attempt against each key before its password is checked, in a
// single atomic upsert per key, so attempts sent in parallel are counted one
// by one and cannot all slip past the limit. Returns true when this attempt
// is beyond a key's limit and must be refused unchecked.
export async function countAttempt(options: {
  prisma: PrismaClient;
  keys: ThrottleKey[];
  now: Date;
}): Promise<boolean> {
  const { prisma, now } = options;
  let overLimit = false;

  for (const { key, policy } of options.keys) {
    const { maxFailures, windowMs, lockMs } = THROTTLE_POLICY[policy];
    const windowStart = new Date(now.getTime() - windowMs);
    const lockUntil = new Date(now.getTime() + lockMs);
    const rows = await prisma.$queryRaw<{ failures: number }[]>`
      INSERT INTO "SignInThrottle" ("key", "failures", "windowStartedAt", "lockedUntil")
      VALUES (${key}, 1, ${now}, ${maxFailures <= 1 ? lockUntil : null})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."windowStartedAt" <= ${windowStart} THEN 1
                          ELSE "SignInThrottle"."failures" + 1 END,
        "windowStartedAt" = CASE WHEN "SignInThrottle"."windowStartedAt" <= ${windowStart} THEN ${now}
                                 ELSE "SignInThrottle"."windowStartedAt" END,
        "lockedUntil" = CASE WHEN (CASE WHEN "SignInThrottle"."windowStartedAt" <= ${windowStart} THEN 1
                                        ELSE "SignInThrottle"."failures" + 1 END) >= ${maxFailures}
                             THEN ${lockUntil}::timestamptz ELSE "SignInThrottle"."lockedUntil" END
      RETURNING "failures"`;

    if ((rows[0]?.failures ?? 0) > maxFailures) overLimit = true;
  }

  return overLimit;
}

// A successful sign-in takes back its own count on the address, and lifts a
// lock that only this attempt's count had set.
export async function uncountAttempt(options: {
  prisma: PrismaClient;
  key: string;
  maxFailures: number;
}): Promise<void> {
  await options.prisma.$executeRaw`
    UPDATE "SignInThrottle" SET
      "failures" = GREATEST("failures" - 1, 0),
      "lockedUntil" = CASE WHEN "failures" - 1 < ${options.maxFailures} THEN NULL ELSE "lockedUntil" END
    WHERE "key" = ${options.key}`;
}

export async function clearFailures(options: { prisma: PrismaClient; key: string }): Promise<void> {
  await options.prisma.signInThrottle.deleteMany({ where: { key: options.key } });
}
