import Papa from "papaparse";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { UsageEvent } from "@/server/generated/prisma/client";

export type ExportFormat = "csv" | "json";
/** Local calendar dates in the tenant's time zone, both included. */
export type ExportRange = { from?: string; to?: string };

const COLUMNS = [
  "requestId", "startedAt", "endedAt", "departmentId", "userId", "apiKeyId", "nodeId", "model", "endpoint", "source", "stream",
  "promptTokens", "completionTokens", "cachedTokens", "tokenSource", "status", "httpStatus", "queueMs", "ttftMs", "totalMs", "cost",
] as const;
const PAGE = 5_000;

/**
 * Writes a tenant's usage events, oldest first, page by page so that memory
 * stays flat however many there are. `write` resolves when the consumer can
 * take more.
 */
export async function exportUsage(tenantId: string, range: ExportRange, format: ExportFormat, write: (chunk: string) => Promise<void>): Promise<number> {
  const db = getDb();
  const { from, to } = await bounds(tenantId, range);
  let after: { startedAt: Date; requestId: string } | null = null;
  let count = 0;
  if (format === "json") await write("[");
  for (;;) {
    const rows: UsageEvent[] = await db.usageEvent.findMany({
      where: {
        tenantId,
        startedAt: { ...(from && { gte: from }), ...(to && { lt: to }) },
        ...(after && { OR: [{ startedAt: { gt: after.startedAt } }, { startedAt: after.startedAt, requestId: { gt: after.requestId } }] }),
      },
      orderBy: [{ startedAt: "asc" }, { requestId: "asc" }],
      take: PAGE,
    });
    if (rows.length === 0) break;
    const records = rows.map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), endedAt: r.endedAt.toISOString(), cost: r.cost?.toFixed() ?? null }));
    if (format === "csv") {
      await write(`${Papa.unparse(records, { columns: [...COLUMNS], header: count === 0, newline: "\n" })}\n`);
    } else {
      const objects = records.map((r) => JSON.stringify(Object.fromEntries(COLUMNS.map((c) => [c, r[c]]))));
      await write(`${count === 0 ? "\n" : ",\n"}${objects.join(",\n")}`);
    }
    count += rows.length;
    const last = rows.at(-1)!;
    after = { startedAt: last.startedAt, requestId: last.requestId };
  }
  if (format === "json") await write(count === 0 ? "]\n" : "\n]\n");
  else if (count === 0) await write(`${COLUMNS.join(",")}\n`);
  return count;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Local midnight of `from` up to local midnight after `to`, in the tenant's zone.
async function bounds(tenantId: string, range: ExportRange): Promise<{ from: Date | null; to: Date | null }> {
  for (const d of [range.from, range.to]) {
    if (d !== undefined && (!DATE.test(d) || Number.isNaN(Date.parse(d)))) throw new AppError("BAD_REQUEST", `Not a date (YYYY-MM-DD): ${d}`);
  }
  const tenant = await getDb().tenant.findUnique({ where: { id: tenantId }, select: { timezone: true } });
  if (!tenant) throw new AppError("NOT_FOUND", "Tenant not found");
  const [row] = await getDb().$queryRaw<{ from: Date | null; to: Date | null }[]>`
    SELECT (${range.from ?? null}::date::timestamp AT TIME ZONE ${tenant.timezone}) AS "from",
           ((${range.to ?? null}::date + 1)::timestamp AT TIME ZONE ${tenant.timezone}) AS "to"`;
  return row!;
}
