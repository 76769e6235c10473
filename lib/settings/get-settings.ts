import type { PrismaClient } from "../generated/prisma/client";
import type { Settings } from "./settings-schema";

export const SETTINGS_SELECT = {
  timeZone: true,
  dayStartHour: true,
  newPerDay: true,
  reviewsPerDay: true,
  desiredRetention: true,
  learningSteps: true,
  relearningSteps: true,
  maximumInterval: true,
  leechThreshold: true,
  language: true,
} as const;

export async function getSettings(options: { prisma: PrismaClient; userId: string }): Promise<Settings> {
  const user = await options.prisma.user.findUniqueOrThrow({ where: { id: options.userId }, select: SETTINGS_SELECT });

  return { ...user, language: user.language === "zh" || user.language === "en" ? user.language : null };
}
