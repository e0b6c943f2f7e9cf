import fs from "node:fs/promises";
import { Pool } from "pg";
import { logger } from "@/server/logger";
import { readCheckpoint, writeCheckpoint } from "./checkpoint";
import { setAside } from "./dead-letter";
import { encodeLine, validateEvent, type UsageEventInput } from "./event";
import { readJournal } from "./journal-reader";
import { JournalWriter } from "./journal-writer";
import { lockJournalDir } from "./lock";
import { insertEvents, isRowError } from "./pg-writer";
import { comparePositions, deleteSegmentsBefore, listSegments, type Position } from "./segments";

export interface Recorder {
  /** Resolves once the event is fsync'd in the journal: from then on it cannot be lost. */
  record(event: UsageEventInput): Promise<void>;
  /** Writes everything recorded so far to PostgreSQL; rejects if PostgreSQL cannot be reached. */
  flush(): Promise<void>;
  /** Flushes what it can (the rest stays journaled for the next start) and stops. */
  close(): Promise<void>;
  stats(): { journaled: number; written: number; backlog: number; lastFlushLagMs: number | null };
}

export type RecorderOptions = {
  journalDir: string;
  connectionString: string;
  fsyncIntervalMs?: number;
  maxGroup?: number;
  flushIntervalMs?: number;
  batchSize?: number;
  segmentBytes?: number;
};

const MAX_BACKOFF_MS = 30_000;

export async function createRecorder(opts: RecorderOptions): Promise<Recorder> {
  const dir = opts.journalDir;
  await fs.mkdir(dir, { recursive: true });
  const unlock = await lockJournalDir(dir);
  try {
    const segments = await listSegments(dir);
    const checkpoint = (await readCheckpoint(dir)) ?? { seq: segments[0] ?? 1, offset: 0 };
    // Never append to a segment of an earlier run: its tail may be torn.
    const firstSeq = Math.max(segments.at(-1) ?? 0, checkpoint.seq - 1) + 1;
    const writer = await JournalWriter.open(dir, firstSeq, {
      fsyncIntervalMs: opts.fsyncIntervalMs ?? 5,
      maxGroup: opts.maxGroup ?? 256,
      segmentBytes: opts.segmentBytes ?? 64 << 20,
    });
    const pool = new Pool({ connectionString: opts.connectionString, max: 2, connectionTimeoutMillis: 5_000 });
    // An idle client losing its server must not take the process down.
    pool.on("error", (error) => logger.warn({ err: error }, "usage recorder: idle PostgreSQL connection lost"));
    const recorder = new DurableRecorder(dir, writer, pool, checkpoint, firstSeq, opts.batchSize ?? 1000, unlock);
    await recorder.replay();
    recorder.start(opts.flushIntervalMs ?? 200);
    return recorder;
  } catch (error) {
    await unlock();
    throw error;
  }
}

class DurableRecorder implements Recorder {
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> = Promise.resolve();
  private closed = false;
  private written = 0;
  private flushedRecent = 0;
  private lastFlushLagMs: number | null = null;
  private failures = 0;
  private retryAt = 0;

  constructor(
    private readonly dir: string,
    private readonly writer: JournalWriter,
    private readonly pool: Pool,
    private checkpoint: Position,
    private readonly firstSeq: number,
    private readonly batchSize: number,
    private readonly unlock: () => Promise<void>,
  ) {}

  async record(event: UsageEventInput): Promise<void> {
    if (this.closed) throw new Error("usage recorder is closed");
    await this.writer.append(encodeLine(validateEvent(event)));
  }

  async flush(): Promise<void> {
    await this.writer.sync();
    await this.exclusive(() => this.drain());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    try {
      await this.flush();
    } catch (error) {
      logger.warn({ err: error }, "usage recorder closed with events still journaled; they are written on the next start");
    }
    await this.writer.close();
    await this.pool.end();
    await this.unlock();
  }

  stats() {
    return {
      journaled: this.writer.journaled,
      written: this.written,
      backlog: this.writer.journaled - this.flushedRecent,
      lastFlushLagMs: this.lastFlushLagMs,
    };
  }

  /** Writes what an earlier run journaled but did not store; with PostgreSQL down, the flusher retries later. */
  async replay(): Promise<void> {
    await this.exclusive(() => this.drain()).catch((error) => this.failed(error));
  }

  start(flushIntervalMs: number): void {
    this.timer = setInterval(() => {
      if (Date.now() < this.retryAt) return;
      this.exclusive(() => this.drain()).catch((error) => this.failed(error));
    }, flushIntervalMs);
    this.timer.unref();
  }

  private failed(error: unknown): void {
    this.failures++;
    const backoff = Math.min(MAX_BACKOFF_MS, 100 * 2 ** this.failures);
    this.retryAt = Date.now() + backoff;
    logger.warn({ err: error, retryInMs: backoff }, "usage recorder: PostgreSQL write failed; events stay journaled");
  }

  // One drain at a time: two would read and store the same batch.
  private exclusive(work: () => Promise<void>): Promise<void> {
    const run = this.draining.then(work);
    this.draining = run.catch(() => undefined);
    return run;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const batch = await readJournal(this.dir, this.checkpoint, this.writer.durable, this.batchSize, this.firstSeq);
      if (comparePositions(batch.end, this.checkpoint) === 0) break;
      if (batch.events.length > 0) {
        this.written += await this.store(batch.events);
        const oldest = batch.events.reduce((min, e) => Math.min(min, e.endedAt.getTime()), Infinity);
        this.lastFlushLagMs = Date.now() - oldest;
      }
      await writeCheckpoint(this.dir, batch.end);
      if (batch.end.seq > this.checkpoint.seq) await deleteSegmentsBefore(this.dir, batch.end);
      this.checkpoint = batch.end;
      this.flushedRecent += batch.recent;
    }
    this.failures = 0;
    this.retryAt = 0;
  }

  private async store(events: UsageEventInput[]): Promise<number> {
    try {
      return await insertEvents(this.pool, events);
    } catch (error) {
      if (!isRowError(error)) throw error;
    }
    let inserted = 0;
    for (const event of events) {
      try {
        inserted += await insertEvents(this.pool, [event]);
      } catch (error) {
        if (!isRowError(error)) throw error;
        await setAside(this.dir, event, error);
      }
    }
    return inserted;
  }
}
