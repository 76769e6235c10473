import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "../accounts/authenticate";
import { logger } from "../log";
import { getReadyPrisma } from "../startup/readiness";
import { authSecret } from "./auth-secret";

const DAY_SECONDS = 24 * 60 * 60;
const log = logger.child({ component: "auth" });

// The message a refused sign-in carries back to the form.
export const SIGN_IN_THROTTLED = "throttled";

// The client's address as the nearest trusted proxy saw it. Route handlers
// do not see the socket, so this reads X-Forwarded-For from the right:
// EBB_TRUSTED_PROXY_HOPS (default 1) is how many proxies in front of the app
// append to it. Exposed directly, without a proxy that rewrites the header, a
// client can choose this value and get around the per-address limit (the
// per-account limit still holds); a reverse proxy that sets the header from
// the connection removes that.
function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const hops = Math.max(1, Number(process.env.EBB_TRUSTED_PROXY_HOPS ?? 1) || 1);
  const chain =
    typeof forwarded === "string"
      ? forwarded
          .split(",")
          .map((part) => part.trim())
          .filter(Boolean)
      : [];

  return chain[Math.max(0, chain.length - hops)] ?? "unknown";
}

// Sessions are signed tokens (JWT), so any app instance can check them
// without shared memory; progress and throttling live in PostgreSQL.
export const authOptions: NextAuthOptions = {
  get secret() {
    return authSecret();
  },
  session: { strategy: "jwt", maxAge: 30 * DAY_SECONDS },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const prisma = await getReadyPrisma();
        const address = clientAddress(request.headers);
        const result = await authenticate({
          prisma,
          email: credentials?.email,
          password: credentials?.password,
          address,
          now: new Date(),
        });

        if (result.ok) return result.user;

        log.warn("sign-in refused", { reason: result.reason, address });

        if (result.reason === "throttled") throw new Error(SIGN_IN_THROTTLED);

        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;

      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;

      return session;
    },
  },
  logger: {
    // A bad or expired session cookie is the client's problem, not ours.
    error: (code, metadata) =>
      code === "JWT_SESSION_ERROR" ? log.warn(`next-auth: ${code}`) : log.error(`next-auth: ${code}`, { metadata }),
    warn: (code) => log.warn(`next-auth: ${code}`),
    debug: () => undefined,
  },
};
