import { requireTenantScope } from "../../../_components/viewer";
import { DepartmentsView } from "./departments-view";

export default async function DepartmentsPage() {
  await requireTenantScope("departments:create");
  return <DepartmentsView />;
}
