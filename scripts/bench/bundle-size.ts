import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { HttpClient } from "./http-client";

export type ChunkSize = { file: string; bytes: number; gzipBytes: number };

export type FirstLoadJs = {
  route: string;
  source: "route-bundle-stats" | "html";
  gzipLevel: number;
  chunks: number;
  bytes: number;
  gzipBytes: number;
  // Next's own uncompressed total, when the diagnostics give one.
  reportedBytes: number | null;
  largest: ChunkSize[];
};

const GZIP_LEVEL = 9;

const LARGEST = 5;

// Next 16 writes `.next/diagnostics/route-bundle-stats.json` as an array of
// { route, firstLoadUncompressedJsBytes, firstLoadChunkPaths }, the paths
// relative to the project root.
type RouteStats = { route: string; firstLoadUncompressedJsBytes?: number; firstLoadChunkPaths: string[] };

// The review page's first-load JavaScript, gzipped chunk by chunk (what a
// browser downloads from a server that gzips), from the build's diagnostics;
// without an entry there, from the scripts the page's HTML loads.
export async function measureFirstLoadJs(options: {
  root: string;
  route: string;
  // The page's app-router entry, accepted as a route key too.
  entry: string;
  session: HttpClient;
}): Promise<FirstLoadJs> {
  const statsFile = path.join(options.root, ".next", "diagnostics", "route-bundle-stats.json");
  const stats = await readFile(statsFile, "utf8").then(
    (text) => parseStats(JSON.parse(text)),
    () => null,
  );

  const entry = stats?.find((item) => item.route === options.route || item.route === options.entry);

  if (entry) {
    const chunks = await Promise.all(
      entry.firstLoadChunkPaths.map(async (file) => sized(file, await readFile(path.resolve(options.root, file)))),
    );

    return summarise(options.route, "route-bundle-stats", chunks, entry.firstLoadUncompressedJsBytes ?? null);
  }

  return summarise(options.route, "html", await fromHtml(options.session, options.route), null);
}

async function fromHtml(session: HttpClient, route: string): Promise<ChunkSize[]> {
  const page = await session.request(route);

  if (page.status !== 200) throw new Error(`GET ${route} answered ${page.status}`);

  const html = page.body.toString("utf8");
  // Modern browsers skip nomodule scripts (Next's legacy polyfills), so they
  // are no part of what a visitor downloads.
  const tags = [...html.matchAll(/<script\b[^>]*>/gi)].map((match) => match[0]);
  const sources = new Set(
    tags.filter((tag) => !/\snomodule\b/i.test(tag)).flatMap((tag) => /\ssrc="([^"]+)"/.exec(tag)?.[1] ?? []),
  );

  return Promise.all(
    [...sources].map(async (source) => {
      const url = new URL(source.replaceAll("&amp;", "&"), session.baseUrl);
      // Ask for the plain bytes so every chunk is gzipped the same way here.
      const response = await session.request(`${url.pathname}${url.search}`, {
        headers: { "accept-encoding": "identity" },
      });

      if (response.status !== 200) throw new Error(`GET ${url.pathname} answered ${response.status}`);

      return sized(url.pathname, response.body);
    }),
  );
}

function sized(file: string, content: Buffer): ChunkSize {
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: GZIP_LEVEL }).length };
}

function summarise(
  route: string,
  source: FirstLoadJs["source"],
  chunks: ChunkSize[],
  reportedBytes: number | null,
): FirstLoadJs {
  return {
    route,
    source,
    gzipLevel: GZIP_LEVEL,
    chunks: chunks.length,
    bytes: chunks.reduce((sum, chunk) => sum + chunk.bytes, 0),
    gzipBytes: chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0),
    reportedBytes,
    largest: [...chunks].sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, LARGEST),
  };
}

function parseStats(value: unknown): RouteStats[] | null {
  if (!Array.isArray(value)) return null;

  return value.flatMap((item: unknown): RouteStats[] => {
    if (typeof item !== "object" || item === null) return [];

    const { route, firstLoadUncompressedJsBytes, firstLoadChunkPaths } = item as Record<string, unknown>;

    if (typeof route !== "string" || !Array.isArray(firstLoadChunkPaths)) return [];

    return [
      {
        route,
        firstLoadUncompressedJsBytes:
          typeof firstLoadUncompressedJsBytes === "number" ? firstLoadUncompressedJsBytes : undefined,
        firstLoadChunkPaths: firstLoadChunkPaths.filter((file): file is string => typeof file === "string"),
      },
    ];
  });
}
