# Ebb's production image, in three stages: dependencies, build, runtime. Only
# the runtime stage ships; the compilers, dev dependencies and sources of the
# first two stay behind.
#
#   docker build -t ebb .            (docker compose up -d --build does this)
#
# No secret is baked in: NEXTAUTH_SECRET, the database password and the rest
# come from the environment when the container starts (compose.yaml, .env).

# --- deps: install from the lock file ---------------------------------------
FROM node:20-slim AS deps
WORKDIR /app

# The manifests alone first, so this layer and the install below are reused
# until a dependency changes, however often the source does.
COPY package.json package-lock.json ./

# --ignore-scripts: the only install script the app needs is its own
# postinstall (prisma generate), which the build stage runs once the schema is
# there; dependency scripts that download engines could not reach their hosts.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

# --- build: Prisma client, Next.js standalone server, start script -----------
FROM node:20-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

COPY --from=deps /app/node_modules ./node_modules
COPY . .

RUN npm run db:generate

RUN --mount=type=cache,target=/app/.next/cache \
    npm run build

# The start script is bundled into one file that runs on plain Node.js in the
# runtime stage. PGlite stays outside the bundle (it loads its WebAssembly
# next to its own files) and comes with the server's traced node_modules;
# pg-native is an optional add-on of pg that Ebb does not use.
RUN node_modules/.bin/esbuild scripts/start-server.ts \
      --bundle --platform=node --format=esm --target=node20 \
      --outfile=dist/start-server.mjs \
      --external:@electric-sql/pglite --external:pg-native \
      --banner:js="import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" \
      --log-level=warning

# The runtime stage copies public/ unconditionally; an app without one still builds.
RUN mkdir -p public

# --- runtime: only what running needs ----------------------------------------
FROM node:20-slim AS runtime
WORKDIR /app

# HOSTNAME: the standalone server listens on this address; 0.0.0.0 makes it
# reachable through the published port, not only from inside the container.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    EBB_MIGRATIONS_DIR=/app/prisma/migrations \
    EBB_CONTENT_DIR=/app/content \
    EBB_DATA_DIR=/app/.data \
    EBB_SERVER_JS=/app/server.js

# Files stay owned by root and read-only to the app user; only the data folder
# (fallback session key) and Next's cache folder are writable.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/content ./content
COPY --from=build /app/dist/start-server.mjs ./start-server.mjs

RUN mkdir -p .data .next/cache \
 && chown node:node .data .next/cache

# The node user (uid 1000) comes with the node image.
USER node

EXPOSE 3000

# Healthy means what /api/health means: the database answers and every
# migration is applied. node is the one tool the slim image has for HTTP; the
# script has no spaces because Podman splits healthcheck arguments on them.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health',{signal:AbortSignal.timeout(4000)}).then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]

CMD ["node", "start-server.mjs"]
