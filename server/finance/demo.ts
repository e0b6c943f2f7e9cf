import { getDb, type Prisma } from "@/server/db";
import { ARTICLE_SCENARIO } from "@/server/economics";
import { addMonths, dayOf, monthOf, monthStart } from "./period";

// Demo data for the finance pages: the seed article's scenario as cost model
// version 1, its two alternatives in the price catalog, and a few months of
// synthetic hourly usage so that the dashboards show real numbers at once.

export const ARTICLE_COST_MODEL_NAME = "Qwen2.5-7B on 4 x RTX 4090D";
/** How many months before the current one the demo cluster went into service. */
export const DEMO_HISTORY_MONTHS = 3;
const NIL_UUID = "00000000-0000-0000-0000-000000000000";
const DEMO_MODEL = "Qwen/Qwen2.5-7B-Instruct";

export function demoStartMonth(now = new Date()): string {
  return addMonths(monthOf(now), -DEMO_HISTORY_MONTHS);
}

/** Cost model v1 and the catalog, unless finance has already set them up. Idempotent. */
export async function seedFinanceDemo(now = new Date()): Promise<{ costModel: boolean; catalog: boolean }> {
  const db = getDb();
  const start = demoStartMonth(now);
  const result = { costModel: false, catalog: false };
  if ((await db.costModelVersion.count()) === 0) {
    const { alternatives: _fromCatalog, ...inputs } = ARTICLE_SCENARIO;
    await db.costModelVersion.create({
      data: {
        version: 1,
        name: ARTICLE_COST_MODEL_NAME,
        effectiveFrom: monthStart(start),
        inServiceFrom: monthStart(start),
        inputs: { ...inputs, name: ARTICLE_COST_MODEL_NAME } as unknown as Prisma.InputJsonValue,
        note: "The seed article's figures (sections 3.2, 3.3): BOM 63,000, 5-year straight line, operating items, 800 W x 12 h/day at 1.2/kWh, benefits 11,000/month.",
      },
    });
    result.costModel = true;
  }
  if ((await db.priceCatalogEntry.count()) === 0) {
    const effectiveFrom = monthStart(start);
    await db.priceCatalogEntry.createMany({
      data: [
        {
          kind: "API",
          name: "Tongyi Qianwen API",
          currency: "CNY",
          unit: "1K",
          inputTiers: [{ upTo: null, price: "0.02" }],
          outputTiers: [{ upTo: null, price: "0.02" }],
          effectiveFrom,
          source: "Seed article, section 4.3: ¥0.02 per 1K tokens (input and output alike)",
        },
        {
          kind: "CLOUD",
          name: "Aliyun GN7i",
          currency: "CNY",
          price: "15000",
          per: "year",
          effectiveFrom,
          source: `Seed article, section 4.3: ¥15,000 per year (throughput not given; one instance assumed) — since ${dayOf(effectiveFrom)}`,
        },
      ],
    });
    result.catalog = true;
  }
  return result;
}

/**
 * Hourly rollups from the demo's start month to the current hour for some
 * departments: a working-day curve in Shanghai time, quiet weekends, steady
 * growth, and hash-based noise so that every run writes the same numbers for
 * the same hours. `scale` is a department's busiest-hour request count.
 */
export async function seedUsageHistory(tenantId: string, departments: { id: string; scale: number }[], now = new Date()): Promise<number> {
  const from = monthStart(demoStartMonth(now));
  const to = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  return getDb().$executeRaw`
    INSERT INTO "UsageHourly" (hour, "tenantId", "departmentId", "userId", "apiKeyId", model, requests, errors, estimated,
      "promptTokens", "completionTokens", "cachedTokens", "totalMs", cost)
    SELECT h, ${tenantId}::uuid, d.id, ${NIL_UUID}::uuid, ${NIL_UUID}::uuid, ${DEMO_MODEL}, r.req, 0, 0,
      r.req * (800 + (k.n / 1000) % 600), r.req * (250 + (k.n / 7) % 200), 0,
      r.req * (250 + (k.n / 7) % 200) * 28 + r.req * 150, 0
    FROM generate_series(${from}::timestamptz, ${to}::timestamptz - interval '1 hour', interval '1 hour') AS h
    CROSS JOIN unnest(${departments.map((d) => d.id)}::uuid[], ${departments.map((d) => d.scale)}::float8[]) AS d(id, scale)
    CROSS JOIN LATERAL (
      SELECT extract(hour FROM h AT TIME ZONE 'Asia/Shanghai')::int AS lh,
        extract(isodow FROM h AT TIME ZONE 'Asia/Shanghai')::int AS dow,
        abs(hashtext(d.id::text || extract(epoch FROM h)::bigint::text))::bigint AS n) k
    CROSS JOIN LATERAL (
      SELECT floor(d.scale
        * (CASE WHEN k.lh < 8 OR k.lh >= 22 THEN 0.1 ELSE 0.5 + 0.5 * sin(pi() * (k.lh - 8) / 14.0) END)
        * (CASE WHEN k.dow >= 6 THEN 0.3 ELSE 1 END)
        * (0.8 + 0.4 * ((k.n % 1000) / 1000.0))
        * (1 + 0.15 * extract(epoch FROM h - ${from}::timestamptz) / 2628000.0))::int AS req) r
    WHERE r.req > 0
    ON CONFLICT DO NOTHING`;
}
