// A small cookie-carrying HTTP client for tests against the running app: it
// signs up and signs in the way the browser does (next-auth credentials with a
// CSRF token) and sends the session cookie on every later request.

export type HttpSession = {
  email: string;
  get(path: string): Promise<Response>;
  post(path: string, json: unknown): Promise<Response>;
  patch(path: string, json: unknown): Promise<Response>;
  raw(path: string, init?: RequestInit): Promise<Response>;
  cookieNames(): string[];
};

export type SignInOptions = {
  // Sent as X-Forwarded-For, so a test can sign in as if from its own address.
  address?: string;
};

export type SignInAttempt =
  | { ok: true; status: number; session: HttpSession }
  | { ok: false; status: number; error: string };

export const SESSION_COOKIE = "next-auth.session-token";

export async function signUp(
  baseUrl: string,
  email: string,
  password: string,
  options: SignInOptions = {},
): Promise<HttpSession> {
  const response = await fetch(new URL("/api/account", baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json", ...addressHeader(options) },
    body: JSON.stringify({ email, password }),
  });

  if (response.status !== 201) {
    throw new Error(`sign-up of ${email} answered ${response.status}: ${await response.text()}`);
  }

  return signIn(baseUrl, email, password, options);
}

export async function signIn(
  baseUrl: string,
  email: string,
  password: string,
  options: SignInOptions = {},
): Promise<HttpSession> {
  const attempt = await attemptSignIn(baseUrl, email, password, options);

  if (!attempt.ok) throw new Error(`sign-in of ${email} refused (${attempt.status}): ${attempt.error}`);

  return attempt.session;
}

// One sign-in attempt, reporting next-auth's error code ("CredentialsSignin",
// "throttled") instead of throwing when it is refused.
export async function attemptSignIn(
  baseUrl: string,
  email: string,
  password: string,
  options: SignInOptions = {},
): Promise<SignInAttempt> {
  const session = createSession(baseUrl, email, addressHeader(options));
  const csrf = await session.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken?: unknown };

  if (typeof csrfToken !== "string") throw new Error(`no CSRF token from /api/auth/csrf (${csrf.status})`);

  const response = await session.raw("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  const { url } = (await response.json()) as { url?: unknown };
  const error = typeof url === "string" ? new URL(url, baseUrl).searchParams.get("error") : null;

  if (error !== null || !session.cookieNames().includes(SESSION_COOKIE)) {
    return { ok: false, status: response.status, error: error ?? "no session cookie" };
  }

  return { ok: true, status: response.status, session };
}

function createSession(baseUrl: string, email: string, extraHeaders: Record<string, string>): HttpSession {
  const cookies = new Map<string, string>();

  async function raw(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);

    for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);

    if (cookies.size > 0) {
      headers.set("cookie", [...cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    }

    const response = await fetch(new URL(path, baseUrl), { ...init, headers, redirect: "manual" });

    for (const line of response.headers.getSetCookie()) keepCookie(cookies, line);

    return response;
  }

  const sendJson = (method: string) => (path: string, json: unknown) =>
    raw(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(json) });

  return {
    email,
    raw,
    get: (path) => raw(path),
    post: sendJson("POST"),
    patch: sendJson("PATCH"),
    cookieNames: () => [...cookies.keys()],
  };
}

// Stores a Set-Cookie line, or forgets the cookie when the line expires it.
function keepCookie(cookies: Map<string, string>, line: string): void {
  const [first = "", ...attributes] = line.split(";");
  const pair = splitPair(first);

  if (!pair || pair[0] === "") return;

  const [name, value] = pair;
  const expired = attributes.some((attribute) => {
    const [key = "", setting = ""] = splitPair(attribute) ?? [];

    return (
      (key.toLowerCase() === "max-age" && Number(setting) <= 0) ||
      (key.toLowerCase() === "expires" && Date.parse(setting) < Date.now())
    );
  });

  if (expired || value === "") cookies.delete(name);
  else cookies.set(name, value);
}

function splitPair(text: string): [string, string] | null {
  const at = text.indexOf("=");

  return at < 0 ? null : [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

function addressHeader(options: SignInOptions): Record<string, string> {
  return options.address ? { "x-forwarded-for": options.address } : {};
}
