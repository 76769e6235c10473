// The one error type the domain throws. Each code maps to one HTTP status in
// lib/http/handle-route.ts; `publicMessage` and `data` are safe to send to
// the client, `detail` is for the logs only.
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly publicMessage: string;
  readonly detail: Record<string, unknown> | undefined;
  readonly data: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    publicMessage: string,
    extra: { detail?: Record<string, unknown>; data?: Record<string, unknown> } = {},
  ) {
    super(`${code}: ${publicMessage}`);
    this.name = "AppError";
    this.code = code;
    this.publicMessage = publicMessage;
    this.detail = extra.detail;
    this.data = extra.data;
  }
}
