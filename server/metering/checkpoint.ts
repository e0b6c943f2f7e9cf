import fs from "node:fs/promises";
import path from "node:path";
import { syncDir, type Position } from "./segments";

// Everything before the checkpoint is in PostgreSQL. Written to a temporary
// file, fsync'd and renamed over the old one, so that a crash leaves either
// the old checkpoint or the new one, never half of one.
const FILE = "checkpoint.json";

export async function readCheckpoint(dir: string): Promise<Position | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const value = JSON.parse(text) as Partial<Position>;
  if (!Number.isSafeInteger(value.seq) || !Number.isSafeInteger(value.offset)) throw new Error(`Damaged journal checkpoint: ${text}`);
  return { seq: value.seq!, offset: value.offset! };
}

export async function writeCheckpoint(dir: string, position: Position): Promise<void> {
  const target = path.join(dir, FILE);
  const temp = `${target}.tmp`;
  const handle = await fs.open(temp, "w");
  try {
    await handle.writeFile(JSON.stringify({ seq: position.seq, offset: position.offset }));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temp, target);
  await syncDir(dir);
}
