import fs from "node:fs/promises";
import path from "node:path";

// A journal is a folder of numbered segment files, appended to in order and
// deleted once the checkpoint has moved past them.
const SUFFIX = ".journal";

/** A place in the journal: a byte offset inside a segment. */
export type Position = { seq: number; offset: number };

export const segmentName = (seq: number): string => `${String(seq).padStart(12, "0")}${SUFFIX}`;
export const segmentPath = (dir: string, seq: number): string => path.join(dir, segmentName(seq));

export function parseSegmentName(name: string): number | null {
  if (!name.endsWith(SUFFIX)) return null;
  const digits = name.slice(0, -SUFFIX.length);
  return /^\d{12}$/.test(digits) ? Number(digits) : null;
}

export async function listSegments(dir: string): Promise<number[]> {
  const names = await fs.readdir(dir);
  return names
    .map(parseSegmentName)
    .filter((seq): seq is number => seq !== null)
    .sort((a, b) => a - b);
}

export function comparePositions(a: Position, b: Position): number {
  return a.seq - b.seq || a.offset - b.offset;
}

/** Deletes the segments wholly behind `position`. */
export async function deleteSegmentsBefore(dir: string, position: Position): Promise<number[]> {
  const behind = (await listSegments(dir)).filter((seq) => seq < position.seq);
  await Promise.all(behind.map((seq) => fs.rm(segmentPath(dir, seq), { force: true })));
  return behind;
}

// A new or renamed directory entry survives a crash only once the directory
// itself is fsync'd.
export async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
