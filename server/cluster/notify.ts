import pg from "pg";
import type { Prisma } from "@/server/db";
import { logger } from "@/server/logger";

export const NODES_CHANNEL = "cluster_nodes_changed";

/** Sent inside the change's transaction, so listeners hear of it only once it committed. */
export async function notifyNodesChanged(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRawUnsafe(`NOTIFY ${NODES_CHANNEL}`);
}

export type NodeChangeListener = { stop(): Promise<void> };

/**
 * LISTENs on its own connection and calls onChange for every notification,
 * and after each reconnect, since notifications sent while it was away are
 * lost.
 */
export function listenForNodeChanges(connectionString: string, onChange: () => void): NodeChangeListener {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = 250;
  let firstAttempt = true;

  const reconnectLater = () => {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, 5_000);
  };

  const connect = async () => {
    const caughtUp = firstAttempt;
    firstAttempt = false;
    const c = new pg.Client({ connectionString, keepAlive: true });
    client = c;
    c.on("notification", (msg) => {
      if (msg.channel === NODES_CHANNEL) onChange();
    });
    c.on("error", (error) => {
      logger.warn({ err: error }, "cluster node listener lost its connection");
      void c.end().catch(() => undefined);
      reconnectLater();
    });
    c.on("end", reconnectLater);
    try {
      await c.connect();
      await c.query(`LISTEN ${NODES_CHANNEL}`);
      if (stopped) return void (await c.end());
      retryMs = 250;
      if (!caughtUp) onChange();
    } catch (error) {
      logger.warn({ err: error }, "cluster node listener could not connect");
      void c.end().catch(() => undefined);
      reconnectLater();
    }
  };

  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      await client?.end().catch(() => undefined);
    },
  };
}
