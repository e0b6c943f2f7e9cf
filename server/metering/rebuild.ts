import { getDb } from "@/server/db";
import { ROLLUP_SOURCE_COLUMNS, rollupInsert } from "./rollup-sql";

/**
 * Recomputes UsageHourly from UsageEvent, for one tenant or all. The table
 * lock holds back flushers until the rebuild commits, so that no event is
 * counted both by them and by the rebuild.
 */
export async function rebuildHourly(tenantId?: string): Promise<void> {
  const tenant = tenantId ?? null;
  await getDb().$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`LOCK TABLE "UsageHourly" IN SHARE ROW EXCLUSIVE MODE`);
      await tx.$executeRawUnsafe(`DELETE FROM "UsageHourly" WHERE $1::uuid IS NULL OR "tenantId" = $1::uuid`, tenant);
      await tx.$executeRawUnsafe(
        rollupInsert(`(SELECT ${ROLLUP_SOURCE_COLUMNS} FROM "UsageEvent" WHERE $1::uuid IS NULL OR "tenantId" = $1::uuid) AS events`),
        tenant,
      );
    },
    { timeout: 10 * 60_000 },
  );
}
