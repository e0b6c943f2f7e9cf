import { DEPARTMENT_ADMIN_SCOPES, roleCan, type TenantScope } from "@/server/auth/scopes";
import { getDb } from "@/server/db";
import { AppError, forbidden, notFound } from "@/server/errors";
import type { TenantAccess } from "@/server/tenancy/access";

// Who acts on keys: a signed-in member, whose rights come from their
// membership, or the operator at the CLI, who may do anything in the tenant
// and is audited without a user.
export type MemberActor = { userId: string; access: TenantAccess };
export type OperatorActor = { operator: true; tenantId: string };
export type KeyActor = MemberActor | OperatorActor;

export const isOperator = (actor: KeyActor): actor is OperatorActor => "operator" in actor;
export const tenantOf = (actor: KeyActor) => (isOperator(actor) ? actor.tenantId : actor.access.tenantId);
export const userOf = (actor: KeyActor) => (isOperator(actor) ? null : actor.userId);

/** Tenant-wide by role, or inside the departments a department admin runs. */
export function administers(actor: KeyActor, departmentId: string, scope: TenantScope): boolean {
  if (isOperator(actor)) return true;
  if (roleCan(actor.access.role, scope)) return true;
  return DEPARTMENT_ADMIN_SCOPES.has(scope) && actor.access.adminOfDepartmentIds.includes(departmentId);
}

export function assertAdministers(actor: KeyActor, departmentId: string, scope: TenantScope): void {
  if (!administers(actor, departmentId, scope)) throw forbidden(`Missing permission ${scope} for this department`);
}

// Every member holds "apiKeys:create", for keys of their own. A service key
// belongs to the department, so issuing one takes the administration of the
// department's keys: reading and revoking them too.
const DEPARTMENT_KEYS: readonly TenantScope[] = ["apiKeys:read", "apiKeys:create", "apiKeys:revoke"];

export function managesDepartmentKeys(actor: KeyActor, departmentId: string): boolean {
  return DEPARTMENT_KEYS.every((scope) => administers(actor, departmentId, scope));
}

/** A department of the actor's tenant that can still own new keys. */
export async function liveDepartment(tenantId: string, departmentId: string) {
  const department = await getDb().department.findFirst({
    where: { id: departmentId, tenantId },
    select: { id: true, slug: true, name: true, archivedAt: true },
  });
  if (!department) throw notFound("Department");
  if (department.archivedAt) throw new AppError("BAD_REQUEST", `Department "${department.name}" is archived: its keys no longer work`);
  return department;
}
