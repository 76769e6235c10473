import { AppError } from "../errors";
import type { PrismaClient } from "../generated/prisma/client";
import type { SchedulerSettings, UserDay } from "../srs/types";

export type UserSettings = {
  scheduler: SchedulerSettings;
  day: UserDay;
  limits: { newPerDay: number; reviewsPerDay: number };
  leechThreshold: number;
  language: string | null;
};

export async function loadUserSettings(options: { prisma: PrismaClient; userId: string }): Promise<UserSettings> {
  const user = await options.prisma.user.findUnique({ where: { id: options.userId } });

  if (!user) throw new AppError("unauthorized", "the account for this session no longer exists");

  return {
    scheduler: {
      desiredRetention: user.desiredRetention,
      learningSteps: user.learningSteps,
      relearningSteps: user.relearningSteps,
      maximumInterval: user.maximumInterval,
    },
    day: { timeZone: user.timeZone, dayStartHour: user.dayStartHour },
    limits: { newPerDay: user.newPerDay, reviewsPerDay: user.reviewsPerDay },
    leechThreshold: user.leechThreshold,
    language: user.language,
  };
}
