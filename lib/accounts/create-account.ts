import { AppError } from "../errors";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { hashPassword } from "./password";

export type CreatedAccount = { id: string; email: string };

export async function createAccount(options: {
  prisma: PrismaClient;
  email: string;
  password: string;
  timeZone?: string;
}): Promise<CreatedAccount> {
  const passwordHash = await hashPassword(options.password);

  try {
    return await options.prisma.user.create({
      data: { email: options.email, passwordHash, ...(options.timeZone ? { timeZone: options.timeZone } : {}) },
      select: { id: true, email: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "an account with this email already exists");
    }

    throw error;
  }
}
