import pg from "pg";
import { logger } from "@/server/logger";
import { priceTokens, rateAt, type Rate, type RateRow } from "./pricing";
import { rateLimitHeaders, refusalOf, type QuotaLabel, type Verdict } from "./verdict";

export const QUOTA_CHANGED_CHANNEL = "quota_changed";
export const DEFAULT_HOLD_TTL_MS = 15 * 60_000;

export type QuotaCaller = { tenantId: string; departmentId: string; userId: string | null; apiKeyId: string | null };

export type AdmitRequest = {
  requestId: string;
  caller: QuotaCaller;
  // The worst case: exact prompt tokens, and the most the request may generate.
  promptTokens: number;
  completionTokens: number;
  at: Date;
};

export type Admission = { headers: Record<string, string> };

export interface QuotaGate {
  /** Whether any quota may apply to this caller: false means admit without asking PostgreSQL. */
  applies(caller: QuotaCaller): boolean;
  /** Reserves the worst case on every applicable quota, or throws a QuotaRefusal (HTTP 429). */
  admit(request: AdmitRequest): Promise<Admission>;
  /** The internal rate that prices a tenant's usage now, or null when none is set. */
  rate(tenantId: string, at?: Date): Rate | null;
  price(tenantId: string, promptTokens: number, completionTokens: number, at?: Date): string | null;
  /** Reloads quotas and rates (also done on NOTIFY and every few seconds). */
  refresh(): Promise<void>;
  /** Releases expired holds now; returns how many. */
  sweep(): Promise<number>;
  close(): Promise<void>;
}

export type GateOptions = { connectionString: string; holdTtlMs?: number; sweepMs?: number; refreshMs?: number; poolSize?: number };

type QuotaRow = { id: string; departmentId: string; scope: QuotaLabel["scope"]; period: QuotaLabel["period"] };

// The data plane's view of quotas. The rules (limits, counters, holds) live
// in PostgreSQL and are applied there in one statement per request; this
// process only remembers which departments have quotas at all, so that the
// others are admitted without a database round trip.
export async function createQuotaGate(opts: GateOptions): Promise<QuotaGate> {
  const holdTtlMs = opts.holdTtlMs ?? Number(process.env.QUOTA_HOLD_TTL_MS ?? DEFAULT_HOLD_TTL_MS);
  const pool = new pg.Pool({ connectionString: opts.connectionString, max: opts.poolSize ?? 10, application_name: "portal-quota-gate" });
  pool.on("error", (error) => logger.warn({ err: error }, "quota gate: idle PostgreSQL connection lost"));
  let departments = new Set<string>();
  let labels = new Map<string, QuotaLabel>();
  let rates: RateRow[] = [];
  let closed = false;

  async function refresh(): Promise<void> {
    const [quotas, rateRows] = await Promise.all([
      pool.query<QuotaRow>(`SELECT id, "departmentId", scope::text, period::text FROM "Quota"`),
      pool.query<{ tenantId: string | null; effectiveFrom: Date; inputPerMillion: string; outputPerMillion: string; currency: string }>(
        `SELECT "tenantId", "effectiveFrom", "inputPerMillion"::text, "outputPerMillion"::text, currency FROM "InternalRate"`,
      ),
    ]);
    departments = new Set(quotas.rows.map((q) => q.departmentId));
    labels = new Map(quotas.rows.map((q) => [q.id, { scope: q.scope, period: q.period }]));
    rates = rateRows.rows;
  }

  const refreshQuietly = () =>
    refresh().catch((error: unknown) => {
      if (!closed) logger.warn({ err: error }, "quota gate: refresh failed; keeping the previous quotas");
    });

  // Changes reach every process at once through NOTIFY; the periodic refresh
  // covers notifications lost while the listening connection was down.
  let listener: pg.Client | null = null;
  async function listen(): Promise<void> {
    if (closed) return;
    const client = new pg.Client({ connectionString: opts.connectionString, application_name: "portal-quota-listener" });
    const lost = () => {
      if (listener !== client) return;
      listener = null;
      void client.end().catch(() => undefined);
      if (!closed) setTimeout(() => void listen().then(refreshQuietly), 1000).unref();
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", () => void refreshQuietly());
    listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${QUOTA_CHANGED_CHANNEL}`);
    } catch (error) {
      logger.warn({ err: error }, "quota gate: cannot listen for quota changes");
      lost();
    }
  }

  await refresh();
  await listen();
  const refresher = setInterval(() => void refreshQuietly(), opts.refreshMs ?? 5_000);
  refresher.unref();

  async function sweep(): Promise<number> {
    const result = await pool.query<{ released: number }>(`SELECT quota_sweep(now()) AS released`);
    const released = result.rows[0]?.released ?? 0;
    if (released > 0) logger.warn({ released }, "quota gate: released expired holds");
    return released;
  }
  const sweeper = setInterval(() => {
    sweep().catch((error: unknown) => {
      if (!closed) logger.warn({ err: error }, "quota gate: sweep failed");
    });
  }, opts.sweepMs ?? 30_000);
  sweeper.unref();

  const rate = (tenantId: string, at = new Date()) => rateAt(rates, tenantId, at);
  function price(tenantId: string, promptTokens: number, completionTokens: number, at?: Date): string | null {
    const r = rate(tenantId, at);
    return r ? priceTokens(r, promptTokens, completionTokens) : null;
  }

  return {
    applies: (caller) => departments.has(caller.departmentId),
    rate,
    price,
    async admit(request) {
      const { caller, promptTokens, completionTokens } = request;
      const spend = price(caller.tenantId, promptTokens, completionTokens, request.at) ?? "0";
      const { rows } = await pool.query<Verdict>(`SELECT * FROM quota_admit($1, $2, $3, $4, $5, $6, $7::numeric, $8, $9)`, [
        request.requestId,
        caller.departmentId,
        caller.userId,
        caller.apiKeyId,
        promptTokens,
        completionTokens,
        spend,
        request.at,
        holdTtlMs,
      ]);
      const now = Date.now();
      const refusal = refusalOf(rows, labels, { prompt: promptTokens, completion: completionTokens }, now);
      if (refusal) throw refusal;
      return { headers: rateLimitHeaders(rows, now, { requests: 1, tokens: promptTokens + completionTokens }) };
    },
    refresh,
    sweep,
    async close() {
      closed = true;
      clearInterval(refresher);
      clearInterval(sweeper);
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
