import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { logger } from "../log";

let secret: string | undefined;

// The key that signs session tokens: NEXTAUTH_SECRET when set (always, in a
// deployment with several instances, since they must share it). Without it a
// random key is made once and kept in the data folder, so a local install
// works with no configuration and its sessions survive restarts.
export function authSecret(): string {
  if (secret) return secret;

  if (process.env.NEXTAUTH_SECRET) {
    secret = process.env.NEXTAUTH_SECRET;
    return secret;
  }

  const file = path.resolve(process.env.EBB_DATA_DIR ?? ".data", "auth-secret");

  try {
    secret = readFileSync(file, "utf8").trim();
  } catch {
    secret = randomBytes(32).toString("base64url");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
    logger.warn("NEXTAUTH_SECRET is not set; created a session key in the data folder", { file });
  }

  return secret;
}
