import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createDatabase, databaseUrl, dropDatabase } from "../admin";
import "./provided";

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A new database on the integration test server: a copy of the migrated
 * template, or an empty one (`migrated: false`). Only for integration tests.
 */
export async function createTestDatabase({ migrated }: { migrated: boolean }): Promise<TestDatabase> {
  const { serverUrl, template, prefix } = inject("testDatabaseServer");
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await createDatabase(serverUrl, name, migrated ? template : undefined);
  return { name, url: databaseUrl(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}
