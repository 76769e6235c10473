import http from "node:http";
import { gunzipSync } from "node:zlib";

export type HttpResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  // Decoded body (gunzipped when the server compressed it).
  body: Buffer;
  // From writing the request to the last byte of the response.
  ms: number;
};

export type RequestOptions = {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
};

export type HttpClient = {
  baseUrl: string;
  request(path: string, options?: RequestOptions): Promise<HttpResponse>;
  json(path: string, value: unknown): Promise<HttpResponse>;
  cookies(): Map<string, string>;
  close(): void;
};

export const SESSION_COOKIE = "next-auth.session-token";

// A cookie-carrying client over node:http with a keep-alive agent: less
// client-side work per request than fetch, which matters when the load
// generator shares two cores with the server and PostgreSQL. Sends
// accept-encoding gzip like a browser, so the server does the work it would
// do for real users.
export function createClient(
  baseUrl: string,
  options: { cookies?: Map<string, string>; acceptEncoding?: string } = {},
): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const jar = new Map(options.cookies);
  const acceptEncoding = options.acceptEncoding ?? "gzip";
  const origin = new URL(baseUrl);

  const request = (path: string, init: RequestOptions = {}) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const headers: Record<string, string> = { "accept-encoding": acceptEncoding, ...init.headers };

      if (jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

      if (init.body !== undefined) headers["content-length"] = String(Buffer.byteLength(init.body));

      const started = performance.now();
      const outgoing = http.request(
        { host: origin.hostname, port: origin.port, path, method: init.method ?? "GET", headers, agent },
        (incoming) => {
          const chunks: Buffer[] = [];

          incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
          incoming.on("error", reject);
          incoming.on("end", () => {
            const ms = performance.now() - started;
            const raw = Buffer.concat(chunks);

            for (const line of incoming.headers["set-cookie"] ?? []) keepCookie(jar, line);

            try {
              const body = incoming.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;

              resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body, ms });
            } catch (error) {
              reject(error);
            }
          });
        },
      );

      outgoing.on("error", reject);
      outgoing.end(init.body);
    });

  return {
    baseUrl,
    request,
    json: (path, value) =>
      request(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(value),
      }),
    cookies: () => new Map(jar),
    close: () => agent.destroy(),
  };
}

// A copy that shares the cookies (the session) but has its own connection,
// so each load worker is one client with one keep-alive socket.
export function cloneClient(source: HttpClient): HttpClient {
  return createClient(source.baseUrl, { cookies: source.cookies() });
}

function keepCookie(jar: Map<string, string>, line: string): void {
  const pair = line.split(";", 1)[0] ?? "";
  const equals = pair.indexOf("=");

  if (equals <= 0) return;

  const name = pair.slice(0, equals).trim();
  const value = pair.slice(equals + 1).trim();

  if (value === "" || /max-age=0\b/i.test(line)) jar.delete(name);
  else jar.set(name, value);
}

// Signs in the way next-auth v4's client does: a CSRF token (and its cookie),
// then the credentials form with json=true; success leaves the session cookie.
export async function signIn(client: HttpClient, email: string, password: string): Promise<void> {
  const csrf = await client.request("/api/auth/csrf");
  const { csrfToken } = JSON.parse(csrf.body.toString("utf8")) as { csrfToken?: unknown };

  if (csrf.status !== 200 || typeof csrfToken !== "string") {
    throw new Error(`GET /api/auth/csrf answered ${csrf.status} without a token`);
  }

  const form = new URLSearchParams({ csrfToken, email, password, json: "true" }).toString();
  const response = await client.request("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });

  if (!client.cookies().has(SESSION_COOKIE)) {
    throw new Error(`sign-in answered ${response.status} without a session cookie: ${response.body.toString("utf8")}`);
  }
}
