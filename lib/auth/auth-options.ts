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

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;

  return first || "unknown";
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
    error: (code, metadata) => log.error(`next-auth: ${code}`, { metadata }),
    warn: (code) => log.warn(`next-auth: ${code}`),
    debug: () => undefined,
  },
};
