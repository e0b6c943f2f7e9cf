import { logger } from "@/server/logger";

export type LastUsedFlusher = { touch(keyId: string): void; close(): Promise<void> };

/**
 * Collects the keys used since the last flush and writes them in one batch
 * every interval, so that no request waits on a write. A failed write keeps
 * its ids for the next attempt.
 */
export function createLastUsedFlusher(write: (keyIds: string[]) => Promise<void>, intervalMs: number): LastUsedFlusher {
  const pending = new Set<string>();
  let running: Promise<void> = Promise.resolve();

  const flush = () => {
    running = running.then(async () => {
      if (pending.size === 0) return;
      const ids = [...pending];
      pending.clear();
      try {
        await write(ids);
      } catch (error) {
        logger.warn({ err: error, keys: ids.length }, "could not record when api keys were last used");
        for (const id of ids) pending.add(id);
      }
    });
    return running;
  };

  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();
  return {
    touch: (keyId) => void pending.add(keyId),
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
