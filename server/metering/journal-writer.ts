import { writeSync } from "node:fs";
import fs, { type FileHandle } from "node:fs/promises";
import { logger } from "@/server/logger";
import { segmentPath, syncDir, type Position } from "./segments";

export type WriterOptions = { fsyncIntervalMs: number; maxGroup: number; segmentBytes: number };

type Waiter = { resolve: () => void; reject: (error: unknown) => void };

// Appends lines to the current segment and acknowledges them only once they
// are fsync'd. Each line is written to the file at once, synchronously: from
// then on it survives the process being killed (the kernel holds it), which
// is what lets the gateway answer its client without waiting for the disk.
// The fsync that also protects it from a machine crash is shared by all the
// lines of a group (group commit): a group closes after fsyncIntervalMs or at
// maxGroup lines, and whatever arrived during an fsync goes out right after.
export class JournalWriter {
  private pending: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private durableSize = 0;
  private writtenSize = 0;
  private acknowledged = 0;

  private constructor(
    private readonly dir: string,
    private seq: number,
    private file: FileHandle,
    private readonly options: WriterOptions,
  ) {}

  static async open(dir: string, seq: number, options: WriterOptions): Promise<JournalWriter> {
    return new JournalWriter(dir, seq, await createSegment(dir, seq), options);
  }

  /** The end of what is durable: the reader never goes past it in the current segment. */
  get durable(): Position {
    return { seq: this.seq, offset: this.durableSize };
  }

  /** Lines acknowledged since this writer opened. */
  get journaled(): number {
    return this.acknowledged;
  }

  append(line: string): Promise<void> {
    const bytes = Buffer.from(line);
    try {
      for (let done = 0; done < bytes.length; ) {
        done += writeSync(this.file.fd, bytes, done, bytes.length - done, this.writtenSize + done);
      }
    } catch (error) {
      // Positional writes: the next line overwrites whatever part of this one
      // reached the file.
      return Promise.reject(error);
    }
    this.writtenSize += bytes.length;
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.schedule();
    });
  }

  /** Makes everything appended so far durable. */
  async sync(): Promise<void> {
    if (this.pending.length > 0) this.start();
    await this.running;
  }

  async close(): Promise<void> {
    await this.sync();
    await this.file.close();
  }

  private schedule(): void {
    if (this.running || this.pending.length === 0) return;
    if (this.pending.length >= this.options.maxGroup) this.start();
    else this.timer ??= setTimeout(() => this.start(), this.options.fsyncIntervalMs);
  }

  private start(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running ??= this.commitAll().finally(() => {
      this.running = null;
      // Lines appended while the last group was being acknowledged.
      this.schedule();
    });
  }

  private async commitAll(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending;
      this.pending = [];
      try {
        this.durableSize = await this.commit();
        this.acknowledged += group.length;
        for (const w of group) w.resolve();
      } catch (error) {
        // Lines written after this group sit in the segment being abandoned.
        const lost = [...group, ...this.pending];
        this.pending = [];
        for (const w of lost) w.reject(error);
        await this.abandonSegment(error);
        continue;
      }
      if (this.durableSize >= this.options.segmentBytes) await this.rotate().catch((error) => logger.error({ err: error }, "usage journal rotation failed"));
    }
  }

  // Returns the new durable end: everything written before the fsync began.
  private async commit(): Promise<number> {
    const end = this.writtenSize;
    await this.file.datasync();
    return end;
  }

  // After a failed write or fsync nothing more goes into this segment: its
  // tail is cut back to what was acknowledged and a fresh segment takes over.
  private async abandonSegment(cause: unknown): Promise<void> {
    logger.error({ err: cause, segment: this.seq }, "usage journal write failed");
    await this.file.truncate(this.durableSize).catch(() => undefined);
    this.writtenSize = this.durableSize;
    await this.rotate().catch((error) => logger.error({ err: error }, "usage journal rotation failed"));
  }

  private async rotate(): Promise<void> {
    const next = await createSegment(this.dir, this.seq + 1);
    const previous = this.file;
    this.file = next;
    this.seq += 1;
    this.durableSize = 0;
    this.writtenSize = 0;
    // Lines written since the last group still wait for their fsync here;
    // their acknowledgement comes with the next group, in the new segment.
    await previous.datasync().catch(() => undefined);
    await previous.close();
  }
}

async function createSegment(dir: string, seq: number): Promise<FileHandle> {
  const file = await fs.open(segmentPath(dir, seq), "wx");
  await syncDir(dir);
  return file;
}
