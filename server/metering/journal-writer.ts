import fs, { type FileHandle } from "node:fs/promises";
import { logger } from "@/server/logger";
import { segmentPath, syncDir, type Position } from "./segments";

export type WriterOptions = { fsyncIntervalMs: number; maxGroup: number; segmentBytes: number };

type Waiter = { line: string; resolve: () => void; reject: (error: unknown) => void };

// Appends lines to the current segment and acknowledges them only once they
// are fsync'd. Lines that arrive together share one write and one fsync
// (group commit): a group closes after fsyncIntervalMs or at maxGroup lines,
// and whatever arrived during an fsync goes out right after it.
export class JournalWriter {
  private pending: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private durableSize = 0;
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
    return new Promise((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
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
        this.durableSize += await this.commit(group.map((w) => w.line).join(""));
        this.acknowledged += group.length;
        for (const w of group) w.resolve();
      } catch (error) {
        for (const w of group) w.reject(error);
        await this.abandonSegment(error);
        continue;
      }
      if (this.durableSize >= this.options.segmentBytes) await this.rotate().catch((error) => logger.error({ err: error }, "usage journal rotation failed"));
    }
  }

  private async commit(text: string): Promise<number> {
    const bytes = Buffer.from(text);
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await this.file.write(bytes, written, bytes.length - written, this.durableSize + written);
      written += bytesWritten;
    }
    await this.file.datasync();
    return bytes.length;
  }

  // After a failed write or fsync nothing more goes into this segment: its
  // tail is cut back to what was acknowledged and a fresh segment takes over.
  private async abandonSegment(cause: unknown): Promise<void> {
    logger.error({ err: cause, segment: this.seq }, "usage journal write failed");
    await this.file.truncate(this.durableSize).catch(() => undefined);
    await this.rotate().catch((error) => logger.error({ err: error }, "usage journal rotation failed"));
  }

  private async rotate(): Promise<void> {
    const next = await createSegment(this.dir, this.seq + 1);
    const previous = this.file;
    this.file = next;
    this.seq += 1;
    this.durableSize = 0;
    await previous.close();
  }
}

async function createSegment(dir: string, seq: number): Promise<FileHandle> {
  const file = await fs.open(segmentPath(dir, seq), "wx");
  await syncDir(dir);
  return file;
}
