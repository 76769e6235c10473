import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { requireUserId } from "../auth/current-user";
import { AppError, errorStatus } from "../errors";
import { type Logger, logger } from "../log";
import { type BodyLimits, readJsonBody } from "./read-json-body";

type RouteContext<P> = { params: Promise<P> };

type HandlerInput<B, P, U> = {
  request: Request;
  body: B;
  params: P;
  userId: U;
  log: Logger;
};

type Options<S extends z.ZodType | undefined> = BodyLimits & { body?: S };

type BodyOf<S> = S extends z.ZodType ? z.infer<S> : undefined;

// Wraps a route handler that needs a signed-in user: request id and logging,
// session, JSON body size and shape, and the mapping of errors to statuses,
// all in one place. The handler returns plain data (sent as JSON) or a
// Response.
export function userRoute<S extends z.ZodType | undefined = undefined, P = Record<string, string>>(
  options: Options<S>,
  handler: (input: HandlerInput<BodyOf<S>, P, string>) => Promise<unknown>,
) {
  return handle(options, true, handler);
}

// The same for the few routes open to anyone (sign-up).
export function publicRoute<S extends z.ZodType | undefined = undefined, P = Record<string, string>>(
  options: Options<S>,
  handler: (input: HandlerInput<BodyOf<S>, P, null>) => Promise<unknown>,
) {
  return handle(options, false, handler);
}

function handle<S extends z.ZodType | undefined, P, U extends string | null>(
  options: Options<S>,
  signedIn: U extends string ? true : false,
  handler: (input: HandlerInput<BodyOf<S>, P, U>) => Promise<unknown>,
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    let log = logger.child({ requestId, method: request.method, path: new URL(request.url).pathname });
    const started = performance.now();

    try {
      const userId = (signedIn ? await requireUserId() : null) as U;

      if (userId) log = log.child({ userId });

      const body = (options.body ? await readJsonBody(request, options.body, options) : undefined) as BodyOf<S>;
      const params = await context.params;
      const result = await handler({ request, body, params, userId, log });
      const response = result instanceof Response ? result : NextResponse.json(result ?? { ok: true });

      response.headers.set("x-request-id", requestId);
      log.debug("handled", { status: response.status, ms: Math.round(performance.now() - started) });

      return response;
    } catch (error) {
      return errorResponse(error, requestId, log);
    }
  };
}

export function errorResponse(error: unknown, requestId: string, log: Logger): Response {
  if (error instanceof AppError) {
    const status = errorStatus[error.code];

    if (status >= 500) log.error(error.message, { detail: error.detail });
    else log.info("request refused", { code: error.code, detail: error.detail });

    return NextResponse.json(
      { error: { code: error.code, message: error.publicMessage, ...error.data } },
      { status, headers: { "x-request-id": requestId } },
    );
  }

  // Path parameters are parsed inside handlers; a malformed one is the
  // client's mistake, not a server fault.
  if (error instanceof z.ZodError) {
    return NextResponse.json(
      { error: { code: "bad_request", message: error.issues.map((issue) => issue.message).join("; ") } },
      { status: 400, headers: { "x-request-id": requestId } },
    );
  }

  log.error("unhandled error", { error });

  return NextResponse.json(
    {
      error: { code: "internal", message: "something went wrong; the request id helps find it in the logs", requestId },
    },
    { status: 500, headers: { "x-request-id": requestId } },
  );
}
