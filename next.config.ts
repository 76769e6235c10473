import type { NextConfig } from "next";

const config: NextConfig = {
  output: "standalone",
  // Tests run their own server beside a developer's without sharing a build.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@node-rs/argon2"],
  poweredByHeader: false,
  // Ebb serves no optimised images (no next/image), so the optimiser is off.
  images: { unoptimized: true },
  // Browser tests reach the dev server by IP address.
  allowedDevOrigins: ["127.0.0.1"],
  devIndicators: false,
  agentRules: false,
  experimental: { agentUpgrade: false },
};

export default config;
