// Only same-site paths may be redirected to after signing in.
export function safeNext(value: string | string[] | undefined, fallback = "/review"): string {
  const next = Array.isArray(value) ? value[0] : value;

  return next?.startsWith("/") && !next.startsWith("//") ? next : fallback;
}
