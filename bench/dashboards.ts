import { getDb } from "@/server/db";
import { departmentUsage, myUsage, recentRequests, tenantUsage } from "@/server/metering";
import type { Synth } from "./synth";

// Times the portal's own dashboard queries over the synthetic year: each is
// run once cold (first touch after generation) and then `repeats` times warm;
// the warm median is what a page load costs. `reads` says where the rows come
// from: UsageHourly is the rollup, UsageEvent the raw events.

export type QueryTiming = {
  name: string;
  what: string;
  reads: string;
  rollup: boolean;
  goalMs: number;
  coldMs: number;
  warmMedianMs: number;
  warmMaxMs: number;
  ok: boolean;
  error?: string;
};

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

type Query = { name: string; what: string; reads: string; rollup: boolean; goalMs: number; run: () => Promise<unknown> };

export async function timeDashboards(s: Synth, repeats: number): Promise<{ queries: QueryTiming[]; finance: string }> {
  const db = getDb();
  const tenantId = s.tenantId;
  const dept = s.departmentIds[0]!;
  const now = s.to;
  const lastMonth = previousMonth(now);
  const monthFrom = new Date(`${lastMonth}-01T00:00:00+08:00`);
  const monthTo = new Date(`${nextMonth(lastMonth)}-01T00:00:00+08:00`);

  const queries: Query[] = [
    { name: "tenant overview, 30 days", what: "tenantUsage(): totals, day series, per department", reads: "UsageHourly", rollup: true, goalMs: 300, run: () => tenantUsage(tenantId, { days: 30, now }) },
    { name: "tenant overview, 90 days", what: "tenantUsage() over 90 days", reads: "UsageHourly", rollup: true, goalMs: 300, run: () => tenantUsage(tenantId, { days: 90, now }) },
    { name: "department usage page, 30 days", what: "departmentUsage(): totals, days, models, members, keys", reads: "UsageHourly", rollup: true, goalMs: 300, run: () => departmentUsage(tenantId, [dept], { days: 30, now }) },
    { name: "department usage page, 90 days", what: "departmentUsage() over 90 days", reads: "UsageHourly", rollup: true, goalMs: 300, run: () => departmentUsage(tenantId, [dept], { days: 90, now }) },
    { name: "my usage page, 30 days", what: "myUsage(): rollup sums + latency percentiles", reads: "UsageHourly + UsageEvent (one user)", rollup: true, goalMs: 300, run: () => myUsage(tenantId, s.userId, { days: 30, now }) },
    { name: "recent requests page", what: "recentRequests(), 50 newest of one user", reads: "UsageEvent (index)", rollup: false, goalMs: 300, run: () => recentRequests(tenantId, s.userId, { limit: 50 }) },
    {
      name: "monthly totals by department, year",
      what: "SQL: 12 months x 20 departments",
      reads: "UsageHourly",
      rollup: true,
      goalMs: 300,
      run: () => db.$queryRaw`SELECT date_trunc('month', hour AT TIME ZONE 'Asia/Shanghai') AS month, "departmentId", sum(requests)::int8 AS requests,
        sum("promptTokens")::int8 AS p, sum("completionTokens")::int8 AS c, sum(cost) AS cost
        FROM "UsageHourly" WHERE "tenantId" = ${tenantId}::uuid AND hour >= ${s.from} AND hour < ${s.to} GROUP BY 1, 2`,
    },
    {
      name: "chargeback inputs, last month (SQL)",
      what: "SQL: per department tokens, GPU time, share of the month",
      reads: "UsageHourly",
      rollup: true,
      goalMs: 1000,
      run: () => db.$queryRaw`SELECT "departmentId", sum("promptTokens")::int8 AS p, sum("completionTokens")::int8 AS c, sum("totalMs")::int8 AS ms,
        (sum("promptTokens") + sum("completionTokens")) / sum(sum("promptTokens") + sum("completionTokens")) OVER () AS share
        FROM "UsageHourly" WHERE hour >= ${monthFrom} AND hour < ${monthTo} GROUP BY 1`,
    },
    {
      name: "same chargeback from raw events (no rollup)",
      what: "SQL as above over UsageEvent, for comparison",
      reads: "UsageEvent",
      rollup: false,
      goalMs: Infinity,
      run: () => db.$queryRaw`SELECT "departmentId", sum("promptTokens")::int8 AS p, sum("completionTokens")::int8 AS c, sum("totalMs")::int8 AS ms
        FROM "UsageEvent" WHERE "tenantId" = ${tenantId}::uuid AND "startedAt" >= ${monthFrom} AND "startedAt" < ${monthTo} GROUP BY 1`,
    },
  ];

  // The finance services (server/finance), when present and costed: the
  // overview and the chargeback of the last complete month.
  let finance = "server/finance not present: representative SQL only";
  try {
    const f = (await import("@/server/finance/cost-model")) as typeof import("@/server/finance/cost-model");
    const o = (await import("@/server/finance/overview")) as typeof import("@/server/finance/overview");
    const c = (await import("@/server/finance/chargeback")) as typeof import("@/server/finance/chargeback");
    const { ARTICLE_SCENARIO } = await import("@/server/economics/article-scenario");
    const first = monthOfDate(s.from);
    await f.createCostModelVersion(null, { name: "bench", effectiveMonth: first, inServiceMonth: first, inputs: ARTICLE_SCENARIO as unknown as Record<string, unknown> }, new Date(`${first}-15T00:00:00Z`));
    const probe = await o.platformOverview(lastMonth, now);
    if (probe.status !== "ok") throw new Error(`platformOverview: ${probe.status}`);
    finance = "server/finance services timed (cost model: the article scenario)";
    queries.unshift(
      { name: "finance overview (platformOverview)", what: "month cost, tokens, alternatives, ROI series", reads: "UsageHourly", rollup: true, goalMs: 300, run: () => o.platformOverview(lastMonth, now) },
      { name: "monthly chargeback (clusterChargeback)", what: "last month's statement, all departments", reads: "UsageHourly", rollup: true, goalMs: 1000, run: () => c.clusterChargeback(lastMonth, {}, now) },
    );
  } catch (error) {
    finance = `server/finance services not timed (${String((error as Error).message ?? error).split("\n")[0]}): representative SQL only`;
  }

  const results: QueryTiming[] = [];
  for (const q of queries) {
    try {
      const coldMs = await time(q.run);
      const warm: number[] = [];
      for (let i = 0; i < repeats; i++) warm.push(await time(q.run));
      warm.sort((a, b) => a - b);
      const warmMedianMs = warm[Math.floor(warm.length / 2)]!;
      results.push({ name: q.name, what: q.what, reads: q.reads, rollup: q.rollup, goalMs: q.goalMs, coldMs, warmMedianMs, warmMaxMs: warm.at(-1)!, ok: warmMedianMs < q.goalMs });
    } catch (error) {
      results.push({ name: q.name, what: q.what, reads: q.reads, rollup: q.rollup, goalMs: q.goalMs, coldMs: NaN, warmMedianMs: NaN, warmMaxMs: NaN, ok: false, error: String((error as Error).message ?? error).slice(0, 300) });
    }
  }
  return { queries: results, finance };
}

// Months in the platform's time zone (Asia/Shanghai, UTC+8, no DST).
function monthOfDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}
function previousMonth(d: Date): string {
  const [y, m] = monthOfDate(d).split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}
function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}
