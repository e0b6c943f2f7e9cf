import { getDb } from "@/server/db";
import { dec, maxOf, sum, ZERO, type Decimal } from "@/server/economics";

// Usage of the whole cluster over a period, read from the hourly rollups
// (whole hours; period bounds are whole hours in the platform's time zone).

export type DepartmentUsage = {
  tenantId: string;
  tenantName: string;
  departmentId: string;
  departmentName: string;
  requests: number;
  inputTokens: Decimal;
  outputTokens: Decimal;
  /** Request time, in seconds: the GPU-time allocation unit. */
  gpuSeconds: Decimal;
  /** The busiest hour's output tokens / 3600. */
  peakOutputTokensPerSecond: Decimal;
};

type Row = { tenantId: string; departmentId: string; hour: Date; requests: number; input: string; output: string; ms: string };

export async function usageByDepartment(from: Date, to: Date, tenantId?: string): Promise<DepartmentUsage[]> {
  const db = getDb();
  const rows = tenantId
    ? await db.$queryRaw<Row[]>`
        SELECT "tenantId"::text AS "tenantId", "departmentId"::text AS "departmentId", hour,
          sum(requests)::int AS requests, sum("promptTokens")::text AS input, sum("completionTokens")::text AS output, sum("totalMs")::text AS ms
        FROM "UsageHourly" WHERE hour >= ${from} AND hour < ${to} AND "tenantId" = ${tenantId}::uuid GROUP BY 1, 2, 3`
    : await db.$queryRaw<Row[]>`
        SELECT "tenantId"::text AS "tenantId", "departmentId"::text AS "departmentId", hour,
          sum(requests)::int AS requests, sum("promptTokens")::text AS input, sum("completionTokens")::text AS output, sum("totalMs")::text AS ms
        FROM "UsageHourly" WHERE hour >= ${from} AND hour < ${to} GROUP BY 1, 2, 3`;
  const byDepartment = new Map<string, { tenantId: string; requests: number; input: Decimal; output: Decimal; ms: Decimal; peak: Decimal }>();
  for (const r of rows) {
    const d = byDepartment.get(r.departmentId) ?? { tenantId: r.tenantId, requests: 0, input: ZERO, output: ZERO, ms: ZERO, peak: ZERO };
    d.requests += r.requests;
    d.input = d.input.plus(dec(r.input));
    d.output = d.output.plus(dec(r.output));
    d.ms = d.ms.plus(dec(r.ms));
    d.peak = maxOf(d.peak, dec(r.output));
    byDepartment.set(r.departmentId, d);
  }
  const ids = [...byDepartment.keys()];
  const names = await db.department.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, tenant: { select: { name: true } } } });
  const nameOf = new Map(names.map((n) => [n.id, n]));
  return ids
    .map((id) => {
      const d = byDepartment.get(id)!;
      const n = nameOf.get(id);
      return {
        tenantId: d.tenantId,
        tenantName: n?.tenant.name ?? "",
        departmentId: id,
        departmentName: n?.name ?? "",
        requests: d.requests,
        inputTokens: d.input,
        outputTokens: d.output,
        gpuSeconds: d.ms.div(1000),
        peakOutputTokensPerSecond: d.peak.div(3600),
      };
    })
    .sort((a, b) => a.tenantName.localeCompare(b.tenantName) || a.departmentName.localeCompare(b.departmentName) || a.departmentId.localeCompare(b.departmentId));
}

/** The busiest hour's output tokens/s over some departments' usage together. */
export async function peakOutputTokensPerSecond(from: Date, to: Date, tenantId?: string): Promise<Decimal> {
  const db = getDb();
  const rows = tenantId
    ? await db.$queryRaw<{ peak: string | null }[]>`
        SELECT max(s)::text AS peak FROM (SELECT sum("completionTokens") AS s FROM "UsageHourly"
        WHERE hour >= ${from} AND hour < ${to} AND "tenantId" = ${tenantId}::uuid GROUP BY hour) h`
    : await db.$queryRaw<{ peak: string | null }[]>`
        SELECT max(s)::text AS peak FROM (SELECT sum("completionTokens") AS s FROM "UsageHourly"
        WHERE hour >= ${from} AND hour < ${to} GROUP BY hour) h`;
  return dec(rows[0]?.peak ?? "0").div(3600);
}

export function totalsOf(rows: readonly DepartmentUsage[]) {
  return {
    requests: rows.reduce((n, r) => n + r.requests, 0),
    inputTokens: sum(rows.map((r) => r.inputTokens)),
    outputTokens: sum(rows.map((r) => r.outputTokens)),
    gpuSeconds: sum(rows.map((r) => r.gpuSeconds)),
  };
}
