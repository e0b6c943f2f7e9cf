import { getDb } from "@/server/db";
import type { TenantRole } from "@/server/generated/prisma/enums";

export type TenantAccess = {
  tenantId: string;
  membershipId: string;
  role: TenantRole;
  homeDepartmentId: string | null;
  adminOfDepartmentIds: string[];
};

// Read from the database on every call (never cached in the session) so that
// a role change or a removal takes effect on the very next request.
export async function loadTenantAccess(userId: string, tenantId: string): Promise<TenantAccess | null> {
  const membership = await getDb().membership.findUnique({
    where: { tenantId_userId: { tenantId, userId } },
    select: {
      id: true,
      role: true,
      homeDepartmentId: true,
      disabledAt: true,
      tenant: { select: { archivedAt: true } },
      departmentAdmins: { select: { departmentId: true } },
    },
  });
  if (!membership || membership.disabledAt || membership.tenant.archivedAt) return null;
  return {
    tenantId,
    membershipId: membership.id,
    role: membership.role,
    homeDepartmentId: membership.homeDepartmentId,
    adminOfDepartmentIds: membership.departmentAdmins.map((d) => d.departmentId),
  };
}
