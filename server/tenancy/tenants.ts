import { getDb } from "@/server/db";
import { conflict } from "@/server/errors";
import { recordAudit } from "./audit";

export type NewTenant = { slug: string; name: string; timezone?: string; currency?: string };

export async function createTenant(actorUserId: string | null, input: NewTenant) {
  const db = getDb();
  if (await db.tenant.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
    throw conflict(`A tenant with slug "${input.slug}" already exists`);
  }
  return db.$transaction(async (tx) => {
    const tenant = await tx.tenant.create({ data: input });
    await recordAudit(tx, {
      tenantId: null,
      actorUserId,
      action: "tenant.create",
      targetType: "tenant",
      targetId: tenant.id,
      data: { slug: tenant.slug, name: tenant.name },
    });
    return tenant;
  });
}

export async function listAllTenants() {
  return getDb().tenant.findMany({
    orderBy: { slug: "asc" },
    select: { id: true, slug: true, name: true, timezone: true, currency: true, archivedAt: true, _count: { select: { memberships: true, departments: true } } },
  });
}

// The tenants a user can switch between: active memberships only.
export async function listTenantsOfUser(userId: string) {
  const memberships = await getDb().membership.findMany({
    where: { userId, disabledAt: null, tenant: { archivedAt: null } },
    select: {
      role: true,
      tenant: { select: { id: true, slug: true, name: true, currency: true, timezone: true } },
      departmentAdmins: { select: { departmentId: true } },
    },
    orderBy: { tenant: { slug: "asc" } },
  });
  return memberships.map((m) => ({ ...m.tenant, role: m.role, adminOfDepartmentIds: m.departmentAdmins.map((d) => d.departmentId) }));
}

export async function findTenantBySlug(slug: string) {
  return getDb().tenant.findUnique({ where: { slug } });
}
