import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, databaseUrl, dropDatabase, quoteIdent, withClient } from "../admin";
import { clearStaleServer, isRunning, startEmbeddedPostgres } from "../embedded";
import { applyMigrations } from "../migrate";
import type { TestDatabaseServer } from "./provided";

const DATA_DIR_PREFIX = "portal-test-pg-";

/**
 * One PostgreSQL for the whole integration run (the embedded one, or the
 * server of DATABASE_URL), holding a migrated template database that each
 * test file copies (see setup-database.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const run = randomBytes(4).toString("hex");
  const given = process.env.DATABASE_URL;
  let stopServer = async (): Promise<void> => undefined;
  let serverUrl: string;
  if (given) {
    serverUrl = given;
  } else {
    await reapAbandonedRuns();
    // Under /tmp itself: initdb fails inside a mkdtemp (mode 0700) folder.
    // The run's PID in the name tells the abandoned data directories apart.
    const dataDir = `/tmp/${DATA_DIR_PREFIX}${process.pid}-${run}`;
    const server = await startEmbeddedPostgres({ dataDir, persistent: false });
    serverUrl = server.connectionString("postgres");
    stopServer = server.stop;
  }

  const provided: TestDatabaseServer = { serverUrl, template: `portal_test_${run}_template`, prefix: `portal_test_${run}` };
  try {
    await createTemplate(serverUrl, provided.template);
  } catch (error) {
    await stopServer();
    throw error;
  }
  project.provide("testDatabaseServer", provided);

  return async () => {
    // The embedded server takes its databases with it; a given server keeps
    // them unless dropped.
    if (given) await dropDatabase(serverUrl, provided.template);
    await stopServer();
  };
}

async function createTemplate(serverUrl: string, name: string): Promise<void> {
  await createDatabase(serverUrl, name);
  await applyMigrations(databaseUrl(serverUrl, name));
  // CREATE DATABASE ... TEMPLATE fails while anyone is connected to the
  // template: make sure nobody can be.
  await withClient(serverUrl, (client) => client.query(`ALTER DATABASE ${quoteIdent(name)} ALLOW_CONNECTIONS false`));
}

/** Stops servers and deletes data left by runs that were killed. */
async function reapAbandonedRuns(): Promise<void> {
  for (const entry of await fs.readdir("/tmp")) {
    if (!entry.startsWith(DATA_DIR_PREFIX)) continue;
    const runPid = Number(entry.slice(DATA_DIR_PREFIX.length).split("-")[0]);
    if (!runPid || isRunning(runPid)) continue;
    const dataDir = path.join("/tmp", entry);
    await clearStaleServer(dataDir);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
