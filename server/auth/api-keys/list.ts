import { getDb } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertAdministers, tenantOf, type KeyActor, type MemberActor } from "./actor";
import { LISTED_KEY_SELECT, toListedKey } from "./listed-key";

const NEWEST_FIRST = { createdAt: "desc" } as const;

/** The member's own personal keys, revoked ones included. */
export async function listMyKeys(actor: MemberActor) {
  const rows = await getDb().apiKey.findMany({
    where: { tenantId: actor.access.tenantId, userId: actor.userId, kind: "PERSONAL" },
    orderBy: NEWEST_FIRST,
    select: LISTED_KEY_SELECT,
  });
  const now = new Date();
  return rows.map((r) => toListedKey(r, now));
}

async function ownersOf(userIds: (string | null)[]) {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  const users = await getDb().user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, name: true } });
  return new Map(users.map((u) => [u.id, { email: u.email, name: u.name }]));
}

/** Service keys of a department and the personal keys of its members. */
export async function listDepartmentKeys(actor: KeyActor, departmentId: string) {
  const tenantId = tenantOf(actor);
  assertAdministers(actor, departmentId, "apiKeys:read");
  const db = getDb();
  const department = await db.department.findFirst({ where: { id: departmentId, tenantId }, select: { id: true } });
  if (!department) throw notFound("Department");
  const rows = await db.apiKey.findMany({ where: { tenantId, departmentId }, orderBy: NEWEST_FIRST, select: LISTED_KEY_SELECT });
  const owners = await ownersOf(rows.map((r) => r.userId));
  const now = new Date();
  return rows.map((r) => ({ ...toListedKey(r, now), owner: r.userId ? (owners.get(r.userId) ?? null) : null }));
}

/** Every key of a tenant, for the operator at the CLI. */
export async function listTenantKeys(tenantId: string) {
  const db = getDb();
  const rows = await db.apiKey.findMany({ where: { tenantId }, orderBy: NEWEST_FIRST, select: LISTED_KEY_SELECT });
  const owners = await ownersOf(rows.map((r) => r.userId));
  const departments = await db.department.findMany({ where: { tenantId }, select: { id: true, slug: true } });
  const slugOf = new Map(departments.map((d) => [d.id, d.slug]));
  const now = new Date();
  return rows.map((r) => ({
    ...toListedKey(r, now),
    departmentSlug: slugOf.get(r.departmentId) ?? "",
    ownerEmail: r.userId ? (owners.get(r.userId)?.email ?? null) : null,
  }));
}

/** The key a display prefix names, in whatever tenant (prefixes are unique). */
export async function keyByPrefix(prefix: string) {
  const key = await getDb().apiKey.findUnique({ where: { prefix }, select: { id: true, tenantId: true } });
  if (!key) throw notFound(`API key "${prefix}"`);
  return key;
}
