import { getTranslations } from "next-intl/server";
import { forbidden } from "next/navigation";
import { requireViewer } from "../../_components/viewer";
import { ClusterOverview } from "./overview-view";
import { TenantOverview } from "./tenant-overview-view";

// Platform finance sees the whole cluster; a tenant's finance role (and its
// owner) sees its own tenant's share. Someone with both sees both.
export default async function FinanceOverviewPage() {
  const viewer = await requireViewer();
  const platform = viewer.platformScopes.includes("platform:finance");
  const tenant = viewer.tenant?.scopes.includes("finance:read") ?? false;
  if (!platform && !tenant) forbidden();
  const t = await getTranslations("finance");
  return (
    <>
      <h1>{t("overviewTitle")}</h1>
      {platform && <ClusterOverview />}
      {tenant && <TenantOverview />}
    </>
  );
}
