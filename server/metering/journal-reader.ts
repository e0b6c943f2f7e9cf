import fs from "node:fs/promises";
import { logger } from "@/server/logger";
import { decodeLine, type UsageEventInput } from "./event";
import { listSegments, segmentPath, type Position } from "./segments";

export type JournalBatch = {
  events: UsageEventInput[];
  /** Where the next read starts: the checkpoint once these events are stored. */
  end: Position;
  /** Events read from segments at or after `sinceSeq` (this process's own). */
  recent: number;
};

const CHUNK_BYTES = 1 << 20;

/**
 * Reads up to `max` events from `from`, never past `durable` (the end of what
 * the writer has fsync'd in its current segment). Older segments are read to
 * their end: a torn last line, left by a crash in the middle of a write, is
 * skipped, and so is any line that does not decode.
 */
export async function readJournal(dir: string, from: Position, durable: Position, max: number, sinceSeq = durable.seq): Promise<JournalBatch> {
  const events: UsageEventInput[] = [];
  let recent = 0;
  let at = { ...from };
  while (events.length < max) {
    const current = at.seq === durable.seq;
    const end = current ? durable.offset : await sizeOf(dir, at.seq);
    if (at.offset >= end) {
      if (current || at.seq > durable.seq) break;
      at = { seq: await nextSegment(dir, at.seq, durable.seq), offset: 0 };
      continue;
    }
    const chunk = await readChunk(dir, at, Math.min(CHUNK_BYTES, end - at.offset));
    let start = 0;
    while (events.length < max) {
      const newline = chunk.indexOf(0x0a, start);
      if (newline < 0) break;
      const event = decodeLine(chunk.toString("utf8", start, newline));
      if (event) {
        events.push(event);
        if (at.seq >= sinceSeq) recent++;
      } else {
        logger.warn({ segment: at.seq, offset: at.offset + start }, "usage journal: skipped a damaged line");
      }
      start = newline + 1;
    }
    if (start === 0) {
      // No whole line in what is left of a finished segment: a torn tail.
      logger.warn({ segment: at.seq, offset: at.offset, bytes: end - at.offset }, "usage journal: skipped a torn tail");
      at = { seq: at.seq, offset: end };
      continue;
    }
    at = { seq: at.seq, offset: at.offset + start };
  }
  return { events, end: at, recent };
}

async function sizeOf(dir: string, seq: number): Promise<number> {
  try {
    return (await fs.stat(segmentPath(dir, seq))).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
}

async function nextSegment(dir: string, after: number, last: number): Promise<number> {
  const next = (await listSegments(dir)).find((seq) => seq > after);
  return next === undefined ? last : Math.min(next, last);
}

async function readChunk(dir: string, at: Position, length: number): Promise<Buffer> {
  const file = await fs.open(segmentPath(dir, at.seq), "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, at.offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
