// Test helpers: the invariants the quota tests assert.
import { getDb } from "@/server/db";

export type CounterCheck = { counterId: string; usedTokens: string; eventTokens: string; usedSpend: string; eventSpend: string; requests: number; events: number; reservedTokens: string; reservedSpend: string };

/** Each counter of the tenant next to the sum of the usage events in its scope and period. */
export async function countersVersusEvents(tenantId: string): Promise<CounterCheck[]> {
  return getDb().$queryRaw<CounterCheck[]>`
    SELECT c.id AS "counterId", c."usedTokens"::text AS "usedTokens", c."usedSpend"::text AS "usedSpend", c.requests,
      c."reservedTokens"::text AS "reservedTokens", c."reservedSpend"::text AS "reservedSpend",
      coalesce(s.tokens, 0)::text AS "eventTokens", coalesce(s.spend, 0)::numeric(20,8)::text AS "eventSpend", coalesce(s.n, 0)::int AS events
    FROM "QuotaCounter" c JOIN "Quota" q ON q.id = c."quotaId"
    LEFT JOIN LATERAL (
      SELECT sum(e."promptTokens" + q."outputWeight" * e."completionTokens") AS tokens, sum(coalesce(e.cost, 0)) AS spend, count(*) AS n
      FROM "UsageEvent" e
      WHERE e."departmentId" = q."departmentId"
        AND (q.scope = 'DEPARTMENT' OR (q.scope = 'MEMBER' AND e."userId" = q."userId") OR (q.scope = 'KEY' AND e."apiKeyId" = q."apiKeyId"))
        AND e."startedAt" >= c."periodStart" AND e."startedAt" < c."periodEnd"
    ) s ON true
    WHERE c."tenantId" = ${tenantId}::uuid
    ORDER BY c.id`;
}

export async function holdsOf(tenantId: string): Promise<number> {
  const [row] = await getDb().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "QuotaHold" h JOIN "QuotaCounter" c ON c.id = h."counterId" WHERE c."tenantId" = ${tenantId}::uuid`;
  return row?.n ?? 0;
}
