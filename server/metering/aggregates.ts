import { getDb } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { NIL_UUID } from "./rollup-sql";
import type { UsageWindow } from "./window";

// Sums over UsageHourly: whole hours, so that dashboards stay fast however
// many raw events there are. Token sums come back as float8, exact below 2^53.
export type UsageSums = {
  requests: number;
  errors: number;
  estimated: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  totalMs: number;
  /** Decimal string in the tenant's currency. */
  cost: string;
};

/** Whose usage: a tenant, narrowed to one user or to some departments. */
export type UsageScope = { tenantId: string; userId?: string; departmentIds?: string[] };

const SUMS = Prisma.raw(`COALESCE(sum(requests), 0)::float8 AS requests, COALESCE(sum(errors), 0)::float8 AS errors,
  COALESCE(sum(estimated), 0)::float8 AS estimated, COALESCE(sum("promptTokens"), 0)::float8 AS "promptTokens",
  COALESCE(sum("completionTokens"), 0)::float8 AS "completionTokens", COALESCE(sum("cachedTokens"), 0)::float8 AS "cachedTokens",
  COALESCE(sum("totalMs"), 0)::float8 AS "totalMs", COALESCE(sum(cost), 0)::text AS cost`);

function where(scope: UsageScope, w: UsageWindow): Prisma.Sql {
  const parts = [Prisma.sql`"tenantId" = ${scope.tenantId}::uuid`, Prisma.sql`hour >= ${w.from} AND hour < ${w.to}`];
  if (scope.userId) parts.push(Prisma.sql`"userId" = ${scope.userId}::uuid`);
  if (scope.departmentIds) parts.push(Prisma.sql`"departmentId" = ANY(${scope.departmentIds}::uuid[])`);
  return Prisma.join(parts, " AND ");
}

export async function totalsOf(scope: UsageScope, w: UsageWindow): Promise<UsageSums> {
  const [row] = await getDb().$queryRaw<UsageSums[]>`SELECT ${SUMS} FROM "UsageHourly" WHERE ${where(scope, w)}`;
  return row!;
}

export type DaySums = UsageSums & { day: string };

/** One row per local day of the window, days without usage included. */
export async function sumsByDay(scope: UsageScope, w: UsageWindow): Promise<DaySums[]> {
  const tz = w.timezone;
  return getDb().$queryRaw<DaySums[]>`
    WITH sums AS (
      SELECT date_trunc('day', hour AT TIME ZONE ${tz}) AS day, ${SUMS}
      FROM "UsageHourly" WHERE ${where(scope, w)} GROUP BY 1
    )
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
      COALESCE(s.requests, 0) AS requests, COALESCE(s.errors, 0) AS errors, COALESCE(s.estimated, 0) AS estimated,
      COALESCE(s."promptTokens", 0) AS "promptTokens", COALESCE(s."completionTokens", 0) AS "completionTokens",
      COALESCE(s."cachedTokens", 0) AS "cachedTokens", COALESCE(s."totalMs", 0) AS "totalMs", COALESCE(s.cost, '0') AS cost
    FROM generate_series(date_trunc('day', ${w.from}::timestamptz AT TIME ZONE ${tz}),
                         date_trunc('day', (${w.to}::timestamptz - interval '1 ms') AT TIME ZONE ${tz}), interval '1 day') AS d(day)
    LEFT JOIN sums s ON s.day = d.day
    ORDER BY d.day`;
}

const GROUPS = { model: `"model"`, userId: `"userId"`, apiKeyId: `"apiKeyId"`, departmentId: `"departmentId"` } as const;
export type UsageGroup = keyof typeof GROUPS;

/** Sums per model, user, key or department, largest first; absent users and keys come back as null. */
export async function sumsBy(group: UsageGroup, scope: UsageScope, w: UsageWindow): Promise<(UsageSums & { key: string | null })[]> {
  const column = Prisma.raw(GROUPS[group]);
  const rows = await getDb().$queryRaw<(UsageSums & { key: string })[]>`
    SELECT ${column}::text AS key, ${SUMS} FROM "UsageHourly" WHERE ${where(scope, w)}
    GROUP BY 1 ORDER BY sum("promptTokens") + sum("completionTokens") DESC, 1`;
  return rows.map((r) => ({ ...r, key: r.key === NIL_UUID ? null : r.key }));
}
