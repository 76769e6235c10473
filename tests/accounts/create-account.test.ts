import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailSchema } from "@/lib/accounts/account-schemas";
import { createAccount } from "@/lib/accounts/create-account";
import { verifyPassword } from "@/lib/accounts/password";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const PASSWORD = "correct horse battery staple";

describe("createAccount", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = db.database.prisma;
  });

  afterAll(async () => {
    await db?.drop();
  });

  it("stores an argon2id hash of the password, never the password itself", async () => {
    const email = `hash-${randomUUID()}@example.com`;

    const account = await createAccount({ prisma, email, password: PASSWORD });

    expect(Object.keys(account).sort()).toEqual(["email", "id"]);
    expect(account.email).toBe(email);

    const { passwordHash } = await prisma.user.findUniqueOrThrow({ where: { id: account.id } });

    expect(passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(passwordHash).not.toContain(PASSWORD);
    expect(await verifyPassword(passwordHash, PASSWORD)).toBe(true);
    expect(await verifyPassword(passwordHash, `${PASSWORD}!`)).toBe(false);
  });

  it("salts each hash, so one password never hashes the same way twice", async () => {
    const emails = [`salt-a-${randomUUID()}@example.com`, `salt-b-${randomUUID()}@example.com`];

    await Promise.all(emails.map((email) => createAccount({ prisma, email, password: PASSWORD })));

    const users = await prisma.user.findMany({ where: { email: { in: emails } }, select: { passwordHash: true } });

    expect(users).toHaveLength(2);
    expect(users[0]?.passwordHash).not.toBe(users[1]?.passwordHash);
  });

  it("refuses a second account for the same email in other letter case as a conflict", async () => {
    const local = `Twice-${randomUUID()}`;
    const first = emailSchema.parse(` ${local}@Example.COM `);
    const second = emailSchema.parse(`${local.toLowerCase()}@example.com`);

    expect(second).toBe(first);

    await createAccount({ prisma, email: first, password: PASSWORD });

    const refused = createAccount({ prisma, email: second, password: "another password entirely" });

    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: "conflict" });
    expect(await prisma.user.count({ where: { email: second } })).toBe(1);
  });

  it("keeps the time zone it is given, and defaults to UTC", async () => {
    const zoned = await createAccount({
      prisma,
      email: `zoned-${randomUUID()}@example.com`,
      password: PASSWORD,
      timeZone: "Asia/Shanghai",
    });
    const plain = await createAccount({ prisma, email: `plain-${randomUUID()}@example.com`, password: PASSWORD });

    const zones = await Promise.all(
      [zoned, plain].map(async ({ id }) => (await prisma.user.findUniqueOrThrow({ where: { id } })).timeZone),
    );

    expect(zones).toEqual(["Asia/Shanghai", "UTC"]);
  });
});
