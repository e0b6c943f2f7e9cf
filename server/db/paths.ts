import path from "node:path";

// Resolved from this file, not the working directory, so that scripts and
// tests find the schema wherever they are started from.
export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
export const SCHEMA_PATH = path.join(REPO_ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(REPO_ROOT, "prisma/migrations");
