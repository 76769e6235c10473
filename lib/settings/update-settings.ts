import type { PrismaClient } from "../generated/prisma/client";
import { getSettings } from "./get-settings";
import type { Settings } from "./settings-schema";

export async function updateSettings(options: {
  prisma: PrismaClient;
  userId: string;
  changes: Partial<Settings>;
}): Promise<Settings> {
  await options.prisma.user.update({ where: { id: options.userId }, data: options.changes, select: { id: true } });

  return getSettings(options);
}
