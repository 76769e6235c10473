import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/read-json-body";

const schema = z.object({ items: z.array(z.number()) });
const LIMITS = { maxBodyBytes: 1_000, maxGunzippedBytes: 10_000 };

function request(body: BodyInit, headers: Record<string, string> = {}): Request {
  const init: RequestInit & { duplex: "half" } = {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  };

  return new Request("http://ebb.test/api/backup", init);
}

// Sends `bytes` in pieces without a Content-Length, as a chunked upload does.
function streamed(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 256) controller.enqueue(bytes.subarray(at, at + 256));
      controller.close();
    },
  });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );

  expect(error).toBeInstanceOf(AppError);

  return (error as AppError).code;
}

describe("readJsonBody", () => {
  it("reads plain JSON and gzip-compressed JSON alike", async () => {
    const value = { items: [1, 2, 3] };

    expect(await readJsonBody(request(JSON.stringify(value)), schema, LIMITS)).toEqual(value);
    expect(
      await readJsonBody(request(gzipSync(JSON.stringify(value)), { "content-encoding": "gzip" }), schema, LIMITS),
    ).toEqual(value);
  });

  it("takes a compressed body larger than the wire limit once unpacked", async () => {
    const value = { items: Array.from({ length: 2_000 }, () => 7) };
    const packed = gzipSync(JSON.stringify(value));

    expect(JSON.stringify(value).length).toBeGreaterThan(LIMITS.maxBodyBytes);
    expect(packed.length).toBeLessThan(LIMITS.maxBodyBytes);
    expect(await readJsonBody(request(packed, { "content-encoding": "gzip" }), schema, LIMITS)).toEqual(value);
  });

  it("refuses a body that unpacks past its limit", async () => {
    const bomb = gzipSync(JSON.stringify({ items: Array.from({ length: 6_000 }, () => 0) }));

    expect(bomb.length).toBeLessThan(LIMITS.maxBodyBytes);
    expect(await refusal(readJsonBody(request(bomb, { "content-encoding": "gzip" }), schema, LIMITS))).toBe(
      "payload_too_large",
    );
  });

  it("refuses a streamed body past the wire limit without a Content-Length", async () => {
    const big = new TextEncoder().encode(JSON.stringify({ items: Array.from({ length: 600 }, () => 1) }));

    expect(await refusal(readJsonBody(request(streamed(big)), schema, LIMITS))).toBe("payload_too_large");
  });

  it("refuses broken gzip, other encodings, gzip where it is not accepted, and other media types", async () => {
    const json = JSON.stringify({ items: [] });

    expect(
      await refusal(readJsonBody(request("not gzip at all", { "content-encoding": "gzip" }), schema, LIMITS)),
    ).toBe("bad_request");
    expect(await refusal(readJsonBody(request(json, { "content-encoding": "br" }), schema, LIMITS))).toBe(
      "unsupported_media_type",
    );
    expect(
      await refusal(
        readJsonBody(request(gzipSync(json), { "content-encoding": "gzip" }), schema, { maxBodyBytes: 1_000 }),
      ),
    ).toBe("unsupported_media_type");
    expect(await refusal(readJsonBody(request(json, { "content-type": "text/plain" }), schema, LIMITS))).toBe(
      "unsupported_media_type",
    );
    expect(await refusal(readJsonBody(request("{"), schema, LIMITS))).toBe("bad_request");
    expect(await refusal(readJsonBody(request(JSON.stringify({ items: ["x"] })), schema, LIMITS))).toBe("bad_request");
  });
});
