import { getDb } from "@/server/db";
import { notFound } from "@/server/errors";
import { sumsBy, sumsByDay, totalsOf, type UsageScope } from "./aggregates";
import { latencyOf } from "./requests";
import { usageWindow, type RangeDays } from "./window";

// The usage views of the portal. Each takes the tenant first and never reads
// outside it; callers decide who may see which user or department.

export type UsageRange = { days: RangeDays; now?: Date };

export async function myUsage(tenantId: string, userId: string, range: UsageRange) {
  const w = await usageWindow(tenantId, range.days, range.now);
  const scope = { tenantId, userId };
  const [totals, byDay, byModel, latency] = await Promise.all([totalsOf(scope, w), sumsByDay(scope, w), sumsBy("model", scope, w), latencyOf(tenantId, userId, w)]);
  return { window: w, totals, byDay, byModel: byModel.map(({ key, ...s }) => ({ model: key ?? "", ...s })), latency };
}

/** Usage of some departments (null: the whole tenant), by member, key, model and department. */
export async function departmentUsage(tenantId: string, departmentIds: string[] | null, range: UsageRange) {
  if (departmentIds) await assertDepartmentsInTenant(tenantId, departmentIds);
  const w = await usageWindow(tenantId, range.days, range.now);
  const scope: UsageScope = departmentIds ? { tenantId, departmentIds } : { tenantId };
  const [totals, byDay, byModel, byUser, byKey, byDepartment] = await Promise.all([
    totalsOf(scope, w),
    sumsByDay(scope, w),
    sumsBy("model", scope, w),
    sumsBy("userId", scope, w),
    sumsBy("apiKeyId", scope, w),
    sumsBy("departmentId", scope, w),
  ]);
  const [users, keys, departments] = await Promise.all([namesOfUsers(tenantId, byUser), namesOfKeys(tenantId, byKey), namesOfDepartments(tenantId, byDepartment)]);
  return {
    window: w,
    totals,
    byDay,
    byModel: byModel.map(({ key, ...s }) => ({ model: key ?? "", ...s })),
    byMember: byUser.map(({ key, ...s }) => ({ userId: key, name: key ? (users.get(key)?.name ?? null) : null, email: key ? (users.get(key)?.email ?? null) : null, ...s })),
    byKey: byKey.map(({ key, ...s }) => ({ apiKeyId: key, name: key ? (keys.get(key)?.name ?? null) : null, prefix: key ? (keys.get(key)?.prefix ?? null) : null, ...s })),
    byDepartment: byDepartment.map(({ key, ...s }) => ({ departmentId: key!, name: departments.get(key!) ?? "", ...s })),
  };
}

/** The whole tenant, one row per department. */
export async function tenantUsage(tenantId: string, range: UsageRange) {
  const { window, totals, byDay, byDepartment } = await departmentUsage(tenantId, null, range);
  return { window, totals, byDay, byDepartment };
}

async function assertDepartmentsInTenant(tenantId: string, departmentIds: string[]): Promise<void> {
  const found = await getDb().department.count({ where: { tenantId, id: { in: departmentIds } } });
  if (found !== new Set(departmentIds).size) throw notFound("Department");
}

type Keyed = { key: string | null };
const keysOf = (rows: Keyed[]) => rows.flatMap((r) => (r.key ? [r.key] : []));

// Names are looked up inside the tenant only, so a stray id never reveals
// another tenant's user or key.
async function namesOfUsers(tenantId: string, rows: Keyed[]) {
  const members = await getDb().membership.findMany({
    where: { tenantId, userId: { in: keysOf(rows) } },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  return new Map(members.map((m) => [m.user.id, m.user]));
}

async function namesOfKeys(tenantId: string, rows: Keyed[]) {
  const keys = await getDb().apiKey.findMany({ where: { tenantId, id: { in: keysOf(rows) } }, select: { id: true, name: true, prefix: true } });
  return new Map(keys.map((k) => [k.id, k]));
}

async function namesOfDepartments(tenantId: string, rows: Keyed[]) {
  const departments = await getDb().department.findMany({ where: { tenantId, id: { in: keysOf(rows) } }, select: { id: true, name: true } });
  return new Map(departments.map((d) => [d.id, d.name]));
}

