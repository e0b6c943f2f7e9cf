import { getDb } from "@/server/db";
import { notFound } from "@/server/errors";

export const RANGE_DAYS = [7, 30, 90] as const;
export type RangeDays = (typeof RANGE_DAYS)[number];

/** A span of whole local days up to now, in the tenant's time zone. */
export type UsageWindow = { from: Date; to: Date; timezone: string; days: RangeDays };

// The window starts at local midnight `days - 1` days before today, so that
// "7 days" means today and the six days before it, as a calendar shows them.
export async function usageWindow(tenantId: string, days: RangeDays, now = new Date()): Promise<UsageWindow> {
  const db = getDb();
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { timezone: true } });
  if (!tenant) throw notFound("Tenant");
  const [row] = await db.$queryRaw<{ from: Date }[]>`
    SELECT ((date_trunc('day', ${now}::timestamptz AT TIME ZONE ${tenant.timezone}) - make_interval(days => ${days - 1}::int))
      AT TIME ZONE ${tenant.timezone}) AS "from"`;
  return { from: row!.from, to: now, timezone: tenant.timezone, days };
}
