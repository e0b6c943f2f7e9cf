import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { UsageWindow } from "./window";

// Per-request views, read from UsageEvent: the only queries that touch raw
// events, each narrowed by an index (tenant, user, start time).

export type Latency = { p50TotalMs: number | null; avgTotalMs: number | null; p50TtftMs: number | null; avgTtftMs: number | null };

/** Latency of a user's successful requests in the window. */
export async function latencyOf(tenantId: string, userId: string, w: UsageWindow): Promise<Latency> {
  const [row] = await getDb().$queryRaw<Latency[]>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY "totalMs")::float8 AS "p50TotalMs", avg("totalMs")::float8 AS "avgTotalMs",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY "ttftMs")::float8 AS "p50TtftMs", avg("ttftMs")::float8 AS "avgTtftMs"
    FROM "UsageEvent"
    WHERE "tenantId" = ${tenantId}::uuid AND "userId" = ${userId}::uuid
      AND "startedAt" >= ${w.from} AND "startedAt" < ${w.to} AND status = 'ok'`;
  return row!;
}

export type RecentRequest = {
  requestId: string;
  startedAt: Date;
  model: string;
  endpoint: string;
  source: string;
  stream: boolean;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  estimated: boolean;
  status: string;
  httpStatus: number;
  ttftMs: number | null;
  totalMs: number;
  cost: string | null;
};

// A cursor is the last row's start time and request id: the list is ordered
// by both, so a page never repeats or skips a row however many arrive.
export const encodeCursor = (r: { startedAt: Date; requestId: string }) => `${r.startedAt.toISOString()}|${r.requestId}`;

function decodeCursor(cursor: string): { startedAt: Date; requestId: string } {
  const bar = cursor.indexOf("|");
  const startedAt = new Date(cursor.slice(0, bar));
  if (bar < 0 || Number.isNaN(startedAt.getTime())) throw new AppError("BAD_REQUEST", "Invalid cursor");
  return { startedAt, requestId: cursor.slice(bar + 1) };
}

export async function recentRequests(
  tenantId: string,
  userId: string,
  page: { cursor?: string; limit: number },
): Promise<{ items: RecentRequest[]; nextCursor: string | null }> {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const rows = await getDb().usageEvent.findMany({
    where: {
      tenantId,
      userId,
      ...(after && {
        OR: [{ startedAt: { lt: after.startedAt } }, { startedAt: after.startedAt, requestId: { lt: after.requestId } }],
      }),
    },
    orderBy: [{ startedAt: "desc" }, { requestId: "desc" }],
    take: page.limit + 1,
  });
  const items = rows.slice(0, page.limit).map((r) => ({
    requestId: r.requestId,
    startedAt: r.startedAt,
    model: r.model,
    endpoint: r.endpoint,
    source: r.source,
    stream: r.stream,
    promptTokens: r.promptTokens,
    completionTokens: r.completionTokens,
    cachedTokens: r.cachedTokens,
    estimated: r.tokenSource === "estimated",
    status: r.status,
    httpStatus: r.httpStatus,
    ttftMs: r.ttftMs,
    totalMs: r.totalMs,
    cost: r.cost?.toFixed() ?? null,
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null };
}
