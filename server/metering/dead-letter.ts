import fs from "node:fs/promises";
import path from "node:path";
import { logger } from "@/server/logger";
import { encodeLine, type UsageEventInput } from "./event";

// Events PostgreSQL refuses outright are set aside here, fsync'd, rather than
// blocking every event journaled after them; an operator can inspect them.
export async function setAside(dir: string, event: UsageEventInput, error: unknown): Promise<void> {
  logger.error({ err: error, requestId: event.requestId }, "usage event refused by PostgreSQL; set aside in rejected.jsonl");
  const file = await fs.open(path.join(dir, "rejected.jsonl"), "a");
  try {
    await file.write(encodeLine(event));
    await file.datasync();
  } finally {
    await file.close();
  }
}
