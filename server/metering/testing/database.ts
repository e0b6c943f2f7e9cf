import { randomUUID } from "node:crypto";
import { getDb } from "@/server/db";

// A tenant with one department, for tests that only need somewhere to put usage.
export async function createUsageTenant(label: string, timezone = "Asia/Shanghai") {
  const db = getDb();
  const tenant = await db.tenant.create({ data: { slug: `${label}-${randomUUID().slice(0, 8)}`, name: label, timezone } });
  const department = await db.department.create({ data: { tenantId: tenant.id, slug: "dept", name: "Dept" } });
  return { tenantId: tenant.id, slug: tenant.slug, departmentId: department.id };
}

const SUMS = `count(*)::int AS requests, sum("promptTokens")::text AS prompt, sum("completionTokens")::text AS completion,
  sum("cachedTokens")::text AS cached, sum("totalMs")::text AS "totalMs", COALESCE(sum(cost), 0)::numeric(20, 8)::text AS cost`;

// The hourly rollups regrouped the same way as the raw events: equal when
// every event was counted exactly once.
export async function rollupVersusRaw(tenantId: string) {
  const db = getDb();
  const raw = await db.$queryRawUnsafe<object[]>(
    `SELECT date_trunc('hour', "startedAt", 'UTC') AS hour, "userId", "model", ${SUMS}
     FROM "UsageEvent" WHERE "tenantId" = $1::uuid GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    tenantId,
  );
  const rolled = await db.$queryRawUnsafe<object[]>(
    `SELECT hour, NULLIF("userId", '00000000-0000-0000-0000-000000000000') AS "userId", "model",
       sum(requests)::int AS requests, sum("promptTokens")::text AS prompt, sum("completionTokens")::text AS completion,
       sum("cachedTokens")::text AS cached, sum("totalMs")::text AS "totalMs", sum(cost)::text AS cost
     FROM "UsageHourly" WHERE "tenantId" = $1::uuid GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    tenantId,
  );
  return { raw, rolled };
}
