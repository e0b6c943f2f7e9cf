import { getTranslations } from "next-intl/server";
import { requireTenantScope } from "../../_components/viewer";
import { PublishedVsComputed } from "./published-vs-computed";

export default async function FinancePage() {
  const viewer = await requireTenantScope("finance:read");
  const t = await getTranslations("finance");
  const platformFinance = viewer.platformScopes.includes("platform:finance");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("tenantCosts", { tenant: viewer.tenant.name })}</p>
      {platformFinance ? <PublishedVsComputed /> : <p className="notice">{t("platformOnly")}</p>}
    </>
  );
}
