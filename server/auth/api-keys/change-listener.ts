import pg from "pg";
import { logger } from "@/server/logger";
import { KEY_CHANGED_CHANNEL } from "./notify";

export type ChangeHandlers = {
  onChange(payload: string): void;
  /** Called on every (re)connection: notifications sent meanwhile are lost. */
  onResync(): void;
};

export type ChangeListener = {
  /** False while reconnecting: cached keys cannot be trusted then. */
  readonly listening: boolean;
  close(): Promise<void>;
};

export type ListenerOptions = { retryMinMs?: number; retryMaxMs?: number; pingMs?: number };

/**
 * A dedicated connection that LISTENs for key changes and reconnects when it
 * is lost. A periodic ping notices a connection that died without closing,
 * which would otherwise leave the process deaf to revocations.
 */
export async function listenForKeyChanges(connectionString: string, handlers: ChangeHandlers, opts: ListenerOptions = {}): Promise<ChangeListener> {
  const retryMinMs = opts.retryMinMs ?? 100;
  const retryMaxMs = opts.retryMaxMs ?? 5_000;
  const pingMs = opts.pingMs ?? 5_000;
  let current: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let retryMs = retryMinMs;
  let retryTimer: NodeJS.Timeout | null = null;

  function lost(client: pg.Client, error?: unknown) {
    if (client !== current) return;
    current = null;
    listening = false;
    void client.end().catch(() => undefined);
    if (closed || retryTimer) return;
    logger.warn({ err: error, retryMs }, "api key change listener lost its connection");
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, retryMaxMs);
  }

  async function connect() {
    const client = new pg.Client({ connectionString, application_name: "portal-key-cache", keepAlive: true, query_timeout: pingMs });
    current = client;
    client.on("notification", (msg) => {
      if (msg.channel === KEY_CHANGED_CHANNEL) handlers.onChange(msg.payload ?? "");
    });
    client.on("error", (error) => lost(client, error));
    client.on("end", () => lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${KEY_CHANGED_CHANNEL}`);
    } catch (error) {
      lost(client, error);
      return;
    }
    if (client !== current) {
      await client.end().catch(() => undefined);
      return;
    }
    listening = true;
    retryMs = retryMinMs;
    handlers.onResync();
  }

  const ping = setInterval(() => {
    const client = current;
    if (client && listening) client.query("SELECT 1").catch((error: unknown) => lost(client, error));
  }, pingMs);
  ping.unref();

  await connect();
  return {
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      clearInterval(ping);
      if (retryTimer) clearTimeout(retryTimer);
      const client = current;
      current = null;
      listening = false;
      await client?.end().catch(() => undefined);
    },
  };
}
