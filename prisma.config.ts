import { defineConfig } from "prisma/config";

// The URL is only needed by Prisma's own CLI (`prisma migrate deploy` on a
// machine that can download its engine). The app and the scripts in
// `scripts/` open the database through `lib/db`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
