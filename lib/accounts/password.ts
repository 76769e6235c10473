import { hash, verify } from "@node-rs/argon2";

// The library exports its algorithms as a const enum, which isolated modules
// cannot read; 2 is its value for Argon2id.
const ARGON2ID = 2;

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes).
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this keeps a sign-in for an unknown email as slow as one
// for a known email, so timing does not reveal which addresses have accounts.
let decoyHash: Promise<string> | undefined;

export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash("decoy password that matches nothing", OPTIONS);

  return decoyHash;
}
