import { requirePlatformScope } from "../../../_components/viewer";
import { TenantsView } from "./tenants-view";

export default async function TenantsPage() {
  await requirePlatformScope("platform:tenants");
  return <TenantsView />;
}
