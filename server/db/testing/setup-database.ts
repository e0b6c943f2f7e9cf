import { afterAll } from "vitest";
import { disconnectDb } from "@/server/db";
import { createTestDatabase } from "./test-database";

// Runs in each integration test file before its imports: the file gets a
// database of its own, copied from the migrated template, so that files can
// run in parallel without seeing each other's rows.
const database = await createTestDatabase({ migrated: true });
process.env.DATABASE_URL = database.url;

afterAll(async () => {
  await disconnectDb();
  await database.drop();
});
