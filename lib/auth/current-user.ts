import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { AppError } from "../errors";
import { authSecret } from "./auth-secret";

export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

// Verified tokens, by their exact text: a token never changes, so checking
// it once per process is enough until it expires. Decrypting it costs a key
// derivation per call, which would otherwise be paid on every request.
const verified = new Map<string, { userId: string; expiresAt: number }>();
const CACHE_LIMIT = 10_000;

// The signed-in user's id from the session token, or null. Every query that
// touches progress is scoped to this id.
export async function currentUserId(): Promise<string | null> {
  const store = await cookies();
  const token = SESSION_COOKIES.map((name) => store.get(name)?.value).find(Boolean);

  if (!token) return null;

  const now = Date.now();
  const known = verified.get(token);

  if (known) return known.expiresAt > now ? known.userId : null;

  const payload = await decode({ token, secret: authSecret() }).catch(() => null);
  const userId = typeof payload?.sub === "string" ? payload.sub : null;
  const expiresAt = typeof payload?.exp === "number" ? payload.exp * 1000 : 0;

  if (!userId || expiresAt <= now) return null;

  if (verified.size >= CACHE_LIMIT) verified.clear();
  verified.set(token, { userId, expiresAt });

  return userId;
}

export async function requireUserId(): Promise<string> {
  const userId = await currentUserId();

  if (!userId) throw new AppError("unauthorized", "sign in first");

  return userId;
}
