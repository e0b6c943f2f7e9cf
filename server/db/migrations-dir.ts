import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { MIGRATIONS_DIR } from "./paths";

export interface Migration {
  /** The directory name, e.g. `20250101120000_init`: it is what `_prisma_migrations` records. */
  name: string;
  sql: string;
  /** sha256 hex of the file, exactly as Prisma's native CLI computes it. */
  checksum: string;
}

/** Migrations in the order Prisma applies them: by directory name. */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await fs.readFile(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: sha256(bytes) };
    }),
  );
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
