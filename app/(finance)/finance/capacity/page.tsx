import { getTranslations } from "next-intl/server";
import { requirePlatformScope } from "../../../_components/viewer";
import { CapacityView } from "./capacity-view";

export default async function CapacityPage() {
  await requirePlatformScope("platform:finance");
  const t = await getTranslations("finance");
  return (
    <>
      <h1>{t("capacityTitle")}</h1>
      <CapacityView />
    </>
  );
}
