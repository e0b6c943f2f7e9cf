import pg from "pg";

/** The URL of another database on the same server (same credentials and options). */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  client.on("error", () => undefined); // the failing query reports it
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// `serverUrl` names any database of the server; the statements run there.

/** Creates the database unless it exists; `template` copies another database. */
export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  const sql = `CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ""}`;
  await withClient(serverUrl, async (client) => {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return;
    await client.query(sql).catch((error: { code?: string }) => {
      // Another process created it meanwhile (duplicate_database, or the
      // catalog unique index when both got past the check together).
      if (error.code !== "42P04" && error.code !== "23505") throw error;
    });
  });
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(serverUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  );
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
