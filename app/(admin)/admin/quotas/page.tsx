import { listMembers } from "@/server/tenancy/members";
import { listDepartments } from "@/server/tenancy/departments";
import { requireTenantScope } from "../../../_components/viewer";
import { QuotasView } from "./quotas-view";

export default async function QuotasPage() {
  const viewer = await requireTenantScope("quotas:read");
  const { tenant } = viewer;
  // Tenant admins and finance see every department; a department admin only theirs.
  const all = await listDepartments(tenant.id, false);
  const tenantWide = tenant.scopes.includes("quotas:read");
  const departments = tenantWide ? all : all.filter((d) => tenant.adminOfDepartmentIds.includes(d.id));
  const canUpdate = departments.length > 0 && (tenant.scopes.includes("quotas:update") || tenant.adminOfDepartmentIds.length > 0);
  const members = canUpdate ? (await listMembers(tenant.id)).filter((m) => !m.disabled).map((m) => ({ id: m.user.id, email: m.user.email })) : [];
  return (
    <QuotasView
      departments={departments.map((d) => ({ id: d.id, name: d.name }))}
      members={members}
      canUpdate={canUpdate}
      canConfigureChannel={tenant.scopes.includes("quotas:update")}
      canSetRates={viewer.platformScopes.includes("platform:costModel")}
    />
  );
}
