import { gunzipSync } from "node:zlib";
import type { z } from "zod";
import { AppError } from "../errors";

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

export type BodyLimits = {
  // Limit on the bytes sent, compressed or not.
  maxBodyBytes?: number;
  // Accept a gzip-compressed body (Content-Encoding: gzip) that unpacks to at
  // most this many bytes. Without it only uncompressed bodies are read.
  maxGunzippedBytes?: number;
};

// Reads a JSON request body within its limits and checks it against `schema`.
// Every refusal is an AppError with the status it should answer.
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, options: BodyLimits = {}) {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  if (!request.headers.get("content-type")?.includes("application/json")) {
    throw new AppError("unsupported_media_type", "send the body as application/json");
  }

  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  const gzipped = encoding === "gzip";

  if (!gzipped && encoding !== "identity") {
    throw new AppError("unsupported_media_type", `a body encoded as "${encoding}" is not accepted`);
  }

  if (gzipped && options.maxGunzippedBytes === undefined) {
    throw new AppError("unsupported_media_type", "this endpoint takes an uncompressed body");
  }

  const declared = Number(request.headers.get("content-length") ?? 0);

  if (declared > maxBytes) throw new AppError("payload_too_large", `the body may be at most ${maxBytes} bytes`);

  const raw = await readAtMost(request, maxBytes);
  const text = gzipped ? gunzipAtMost(raw, options.maxGunzippedBytes ?? maxBytes) : raw.toString("utf8");

  let json: unknown;

  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "the body is not valid JSON");
  }

  const parsed = schema.safeParse(json);

  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);

    throw new AppError("bad_request", `invalid request: ${issues.join("; ")}`, { data: { issues } });
  }

  return parsed.data as z.infer<S>;
}

// Reads the body but stops as soon as it passes `maxBytes`, so a body sent
// without a length cannot fill the memory first.
async function readAtMost(request: Request, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;

  if (!request.body) return Buffer.alloc(0);

  const reader = request.body.getReader();

  for (;;) {
    const { done, value } = await reader.read();

    if (done) break;

    total += value.byteLength;

    if (total > maxBytes) {
      await reader.cancel();
      throw new AppError("payload_too_large", `the body may be at most ${maxBytes} bytes`);
    }

    chunks.push(value);
  }

  return Buffer.concat(chunks);
}

function gunzipAtMost(compressed: Buffer, maxBytes: number): string {
  try {
    return gunzipSync(compressed, { maxOutputLength: maxBytes }).toString("utf8");
  } catch (error) {
    if (error instanceof RangeError) {
      throw new AppError("payload_too_large", `the body may unpack to at most ${maxBytes} bytes`);
    }

    throw new AppError("bad_request", "the body is not valid gzip");
  }
}
