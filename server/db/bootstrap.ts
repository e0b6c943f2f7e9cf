import path from "node:path";
import { createDatabase } from "./admin";
import { startEmbeddedPostgres } from "./embedded";
import { applyMigrations } from "./migrate";
import { REPO_ROOT } from "./paths";

export interface PreparedDatabase {
  url: string;
  /** true when this process started its own PostgreSQL (no DATABASE_URL given). */
  embedded: boolean;
  /** Migrations applied by this call. */
  applied: string[];
  /** Stops the embedded PostgreSQL, if any; disconnect Prisma first. */
  stop(): Promise<void>;
}

const DATABASE = "portal";

/**
 * Makes DATABASE_URL point at a migrated database: the one given, or an
 * embedded PostgreSQL whose data lives in `dataDir` across restarts.
 */
export async function prepareDatabase({
  dataDir = path.join(REPO_ROOT, ".data/pg"),
}: { dataDir?: string } = {}): Promise<PreparedDatabase> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const { applied } = await applyMigrations(given);
    return { url: given, embedded: false, applied, stop: async () => undefined };
  }

  const server = await startEmbeddedPostgres({ dataDir, port: portFromEnv(), persistent: true });
  try {
    await createDatabase(server.connectionString("postgres"), DATABASE);
    const url = server.connectionString(DATABASE);
    const { applied } = await applyMigrations(url);
    process.env.DATABASE_URL = url;
    return { url, embedded: true, applied, stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

function portFromEnv(): number | undefined {
  const raw = process.env.EMBEDDED_PG_PORT;
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`EMBEDDED_PG_PORT is not a port: ${raw}`);
  return port;
}
