import { randomUUID } from "node:crypto";
import pg from "pg";
import { loadMigrations, sha256, type Migration } from "./migrations-dir";
import { MIGRATIONS_DIR } from "./paths";

// The key Prisma's schema engine locks on PostgreSQL: sharing it makes this
// runner and a native `prisma migrate deploy` exclude each other too.
const PRISMA_MIGRATE_LOCK = 72707369;

// Prisma's own definition, so that the native CLI can take over the history.
const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

/**
 * Applies the migrations of `prisma/migrations` that the database lacks, in
 * order, each in its own transaction, and records them the way
 * `prisma migrate deploy` does. Safe to call from several processes at once.
 */
export async function applyMigrations(
  connectionString: string,
  migrationsDir: string = MIGRATIONS_DIR,
): Promise<{ applied: string[] }> {
  const migrations = await loadMigrations(migrationsDir);
  const client = new pg.Client({ connectionString });
  // A dropped connection is reported by the failing query; without a
  // listener the same error would also crash the process.
  client.on("error", () => undefined);
  await client.connect();
  try {
    // Session-level lock: released by client.end() even if we throw.
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    await client.query(CREATE_HISTORY_TABLE);
    const history = await client.query<HistoryRow>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      const records = history.rows.filter((row) => row.migration_name === migration.name);
      const done = records.find((row) => row.finished_at !== null);
      if (done) {
        assertUnchanged(migration, done.checksum);
        continue;
      }
      if (records.length > 0) {
        throw new Error(
          `migration ${migration.name} is recorded as failed in _prisma_migrations; ` +
            `repair the database by hand, then mark it with \`prisma migrate resolve\``,
        );
      }
      await applyOne(client, migration);
      applied.push(migration.name);
    }
    // Rows for migrations missing here are left alone: an older replica may
    // start after a newer one has migrated the shared database.
    return { applied };
  } finally {
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: Migration): Promise<void> {
  await client.query("BEGIN");
  try {
    // The whole file as one simple-protocol query: splitting on ";" would
    // break `DO $$ ... $$` blocks and string literals.
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
  }
}

function assertUnchanged(migration: Migration, recorded: string): void {
  // Prisma also accepts a file whose only change is CRLF line endings.
  const lf = migration.sql.includes("\r\n") ? sha256(migration.sql.replaceAll("\r\n", "\n")) : migration.checksum;
  if (recorded === migration.checksum || recorded === lf) return;
  throw new Error(
    `migration ${migration.name} was modified after it was applied to this database ` +
      `(recorded checksum ${recorded}, file ${migration.checksum}). ` +
      `Restore the file and put the change in a new migration: npm run db:migration -- <name>`,
  );
}
