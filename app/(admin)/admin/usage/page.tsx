import { requireTenantScope } from "../../../_components/viewer";
import { DepartmentUsageView } from "./department-usage-view";

export default async function DepartmentUsagePage() {
  await requireTenantScope("usage:read");
  return <DepartmentUsageView />;
}
