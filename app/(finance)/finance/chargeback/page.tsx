import { getTranslations } from "next-intl/server";
import { forbidden } from "next/navigation";
import { requireViewer } from "../../../_components/viewer";
import { ClusterChargeback, TenantChargeback } from "./chargeback-view";

export default async function ChargebackPage() {
  const viewer = await requireViewer();
  const platform = viewer.platformScopes.includes("platform:finance");
  const tenant = viewer.tenant?.scopes.includes("chargeback:read") ?? false;
  if (!platform && !tenant) forbidden();
  const t = await getTranslations("finance");
  return (
    <>
      <h1>{t("chargebackTitle")}</h1>
      {platform ? <ClusterChargeback /> : <TenantChargeback />}
    </>
  );
}
