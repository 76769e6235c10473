import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/accounts/authenticate";
import { createAccount } from "@/lib/accounts/create-account";
import { countAttempt, throttleKeys } from "@/lib/accounts/sign-in-throttle";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const START = new Date("2026-03-02T08:00:00.000Z");
const PASSWORD = "correct horse battery staple";
const WRONG = "wrong horse battery staple";

// A fixed clock: `minutes` after START, plus `ms`.
function at(minutes: number, ms = 0): Date {
  return new Date(START.getTime() + minutes * MINUTE + ms);
}

describe("sign-in throttle", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let addresses = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = db.database.prisma;
  });

  afterAll(async () => {
    await db?.drop();
  });

  // Every test signs in from an address of its own, so address counters
  // never carry over from one test to the next.
  function newAddress(): string {
    addresses += 1;

    return `203.0.113.${addresses}`;
  }

  function newEmail(): string {
    return `learner-${randomUUID()}@example.com`;
  }

  async function newAccount(): Promise<string> {
    const email = newEmail();

    await createAccount({ prisma, email, password: PASSWORD });

    return email;
  }

  function signIn(email: string, password: string, address: string, now: Date) {
    return authenticate({ prisma, email, password, address, now });
  }

  async function failAt(email: string, address: string, now: Date) {
    expect(await signIn(email, WRONG, address, now)).toEqual({ ok: false, reason: "invalid" });
  }

  function counter(key: string) {
    return prisma.signInThrottle.findUnique({ where: { key } });
  }

  describe("per account", () => {
    it("locks on the fifth failure in the window, refusing even the right password until the lock ends", async () => {
      const email = await newAccount();
      const address = newAddress();

      for (let minute = 0; minute < 4; minute++) await failAt(email, address, at(minute));

      expect(await counter(`email:${email}`)).toMatchObject({ failures: 4, lockedUntil: null });

      await failAt(email, address, at(4));

      const throttled = { ok: false, reason: "throttled", retryAt: at(19) };

      expect(await signIn(email, PASSWORD, address, at(5))).toEqual(throttled);
      expect(await signIn(email, WRONG, address, at(10))).toEqual(throttled);
      expect(await signIn(email, PASSWORD, address, at(19, -1))).toEqual(throttled);
      expect(await counter(`email:${email}`)).toMatchObject({ failures: 5, lockedUntil: at(19) });
    });

    it("releases at retryAt, and the success there clears the account counter", async () => {
      const email = await newAccount();
      const address = newAddress();

      for (let attempt = 0; attempt < 5; attempt++) await failAt(email, address, at(0));

      const locked = await signIn(email, PASSWORD, address, at(1));

      if (locked.ok || locked.reason !== "throttled") throw new Error(`expected a lock, got ${JSON.stringify(locked)}`);
      expect(locked.retryAt).toEqual(at(15));

      expect(await signIn(email, PASSWORD, address, locked.retryAt)).toMatchObject({ ok: true, user: { email } });
      expect(await counter(`email:${email}`)).toBeNull();
    });

    it("starts counting again after a success, so failures on either side do not add up", async () => {
      const email = await newAccount();
      const address = newAddress();

      for (let attempt = 0; attempt < 4; attempt++) await failAt(email, address, at(0));

      expect(await signIn(email, PASSWORD, address, at(1))).toMatchObject({ ok: true });

      for (let attempt = 0; attempt < 4; attempt++) await failAt(email, address, at(2));

      expect(await counter(`email:${email}`)).toMatchObject({ failures: 4, lockedUntil: null });
      expect(await signIn(email, PASSWORD, address, at(3))).toMatchObject({ ok: true });
    });

    it("restarts the window 15 minutes after its first failure when the limit was not reached", async () => {
      const email = await newAccount();
      const address = newAddress();

      for (let attempt = 0; attempt < 4; attempt++) await failAt(email, address, at(0));

      await failAt(email, address, at(15));

      expect(await counter(`email:${email}`)).toMatchObject({
        failures: 1,
        windowStartedAt: at(15),
        lockedUntil: null,
      });
      expect(await signIn(email, PASSWORD, address, at(15, SECOND))).toMatchObject({ ok: true });
    });

    it("still locks when the fifth failure comes just inside the window", async () => {
      const email = await newAccount();
      const address = newAddress();

      for (let attempt = 0; attempt < 4; attempt++) await failAt(email, address, at(0));

      await failAt(email, address, at(15, -1));

      expect(await signIn(email, PASSWORD, address, at(15))).toEqual({
        ok: false,
        reason: "throttled",
        retryAt: at(30, -1),
      });
    });

    it("counts failures for an email with no account, like any other", async () => {
      const email = newEmail();
      const address = newAddress();

      for (let attempt = 0; attempt < 5; attempt++) await failAt(email, address, at(attempt));

      expect(await counter(`email:${email}`)).toMatchObject({ failures: 5, lockedUntil: at(19) });
      expect(await counter(`ip:${address}`)).toMatchObject({ failures: 5, lockedUntil: null });
      expect(await signIn(email, WRONG, address, at(5))).toEqual({ ok: false, reason: "throttled", retryAt: at(19) });
    });

    it("counts nothing for credentials that are not even well formed", async () => {
      const address = newAddress();

      expect(await signIn("not an email", PASSWORD, address, at(0))).toEqual({ ok: false, reason: "invalid" });
      expect(await counter(`ip:${address}`)).toBeNull();
    });
  });

  describe("per address", () => {
    it("locks the address after 20 failures spread over many emails, for a new email too", async () => {
      const address = newAddress();
      const tag = randomUUID();
      const emailFor = (attempt: number) => `spread-${attempt % 10}-${tag}@example.com`;
      const failureTime = (attempt: number) => at(0, attempt * SECOND);

      for (let attempt = 0; attempt < 19; attempt++) await failAt(emailFor(attempt), address, failureTime(attempt));

      const before = await newAccount();

      expect(await signIn(before, PASSWORD, address, at(1))).toMatchObject({ ok: true });

      await failAt(emailFor(19), address, failureTime(19));

      const after = await newAccount();
      const retryAt = new Date(failureTime(19).getTime() + 15 * MINUTE);

      expect(await counter(`ip:${address}`)).toMatchObject({ failures: 20, lockedUntil: retryAt });
      expect(await signIn(after, PASSWORD, address, at(2))).toEqual({ ok: false, reason: "throttled", retryAt });
      expect(await signIn(before, PASSWORD, address, at(2))).toEqual({ ok: false, reason: "throttled", retryAt });
      expect(await signIn(after, PASSWORD, newAddress(), at(2))).toMatchObject({ ok: true });
      expect(await signIn(after, PASSWORD, address, retryAt)).toMatchObject({ ok: true });
    });
  });

  describe("under concurrency", () => {
    it("counts every one of ten failures recorded at the same moment", async () => {
      const email = newEmail();
      const address = newAddress();
      const keys = throttleKeys(email, address);

      await Promise.all(Array.from({ length: 10 }, () => countAttempt({ prisma, keys, now: at(0) })));

      expect(await counter(`email:${email}`)).toMatchObject({ failures: 10, lockedUntil: at(15) });
      expect(await counter(`ip:${address}`)).toMatchObject({ failures: 10, lockedUntil: null });
    });

    it("checks at most five passwords of thirty sent at once to one account", async () => {
      const email = await newAccount();
      const results = await Promise.all(Array.from({ length: 30 }, () => signIn(email, WRONG, newAddress(), at(0))));
      const checked = results.filter((result) => !result.ok && result.reason === "invalid");

      expect(checked).toHaveLength(5);
      expect(results.filter((result) => !result.ok && result.reason === "throttled")).toHaveLength(25);
    });
  });
});
