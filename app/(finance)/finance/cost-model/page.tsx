import { getTranslations } from "next-intl/server";
import { requirePlatformScope } from "../../../_components/viewer";
import { CostModelView } from "./cost-model-view";

export default async function CostModelPage() {
  await requirePlatformScope("platform:costModel");
  const t = await getTranslations("finance");
  return (
    <>
      <h1>{t("costModelTitle")}</h1>
      <CostModelView />
    </>
  );
}
