import { PG_DATA_DIR } from "@/server/data-dir";
import { disconnectDb } from "@/server/db";
import { prepareDatabase } from "@/server/db/bootstrap";
import { ZodError, z } from "zod";
import { AppError } from "@/server/errors";

// Every command that needs the database goes through here: it gets a
// migrated database (embedded when DATABASE_URL is unset), and errors end up
// on stderr with a non-zero exit code.
export async function withDatabase(work: () => Promise<void>): Promise<void> {
  const database = await prepareDatabase({ dataDir: PG_DATA_DIR });
  try {
    await work();
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

export function fail(error: unknown): never {
  const message =
    error instanceof ZodError
      ? z.prettifyError(error)
      : error instanceof AppError || error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

export const action =
  <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
  (...args: A) =>
    fn(...args).catch(fail);
