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

// Counts one failure for each key in a single atomic upsert per key, so two
// app instances counting at once never lose a failure.
export async function recordFailure(options: { prisma: PrismaClient; keys: ThrottleKey[]; now: Date }): Promise<void> {
  const { prisma, now } = options;

  for (const { key, policy } of options.keys) {
    const { maxFailures, windowMs, lockMs } = THROTTLE_POLICY[policy];
    const windowStart = new Date(now.getTime() - windowMs);
    const lockUntil = new Date(now.getTime() + lockMs);

    await prisma.$executeRaw`
      INSERT INTO "SignInThrottle" ("key", "failures", "windowStartedAt", "lockedUntil")
      VALUES (${key}, 1, ${now}, ${maxFailures <= 1 ? lockUntil : null})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."windowStartedAt" <= ${windowStart} THEN 1
                          ELSE "SignInThrottle"."failures" + 1 END,
        "windowStartedAt" = CASE WHEN "SignInThrottle"."windowStartedAt" <= ${windowStart} THEN ${now}
                                 ELSE "SignInThrottle"."windowStartedAt" END,
        "lockedUntil" = CASE WHEN (CASE WHEN "SignInThrottle"."windowStartedAt" <= ${windowStart} THEN 1
                                        ELSE "SignInThrottle"."failures" + 1 END) >= ${maxFailures}
                             THEN ${lockUntil}::timestamptz ELSE "SignInThrottle"."lockedUntil" END`;
  }
}

export async function clearFailures(options: { prisma: PrismaClient; key: string }): Promise<void> {
  await options.prisma.signInThrottle.deleteMany({ where: { key: options.key } });
}
