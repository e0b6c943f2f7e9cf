import { getTranslations } from "next-intl/server";
import { requirePlatformScope } from "../../../_components/viewer";
import { RoiView } from "./roi-view";

export default async function RoiPage() {
  await requirePlatformScope("platform:finance");
  const t = await getTranslations("finance");
  return (
    <>
      <h1>{t("roiTitle")}</h1>
      <RoiView />
    </>
  );
}
