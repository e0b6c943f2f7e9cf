import { listDepartments } from "@/server/tenancy/departments";
import { requireTenantScope } from "../../../_components/viewer";
import { DepartmentKeysView } from "./department-keys-view";

export default async function DepartmentKeysPage() {
  const { tenant } = await requireTenantScope("apiKeys:read");
  // Tenant admins pick any department; a department admin only theirs.
  const all = await listDepartments(tenant.id, false);
  const mine = tenant.scopes.includes("apiKeys:read") ? all : all.filter((d) => tenant.adminOfDepartmentIds.includes(d.id));
  return <DepartmentKeysView departments={mine.map((d) => ({ id: d.id, name: d.name }))} />;
}
