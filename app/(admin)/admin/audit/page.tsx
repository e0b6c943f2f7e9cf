import { requireTenantScope } from "../../../_components/viewer";
import { AuditView } from "./audit-view";

export default async function AuditPage() {
  await requireTenantScope("audit:read");
  return <AuditView />;
}
