import { getTranslations } from "next-intl/server";
import { requirePlatformScope } from "../../../_components/viewer";
import { AlternativesView } from "./alternatives-view";

export default async function AlternativesPage() {
  await requirePlatformScope("platform:finance");
  const t = await getTranslations("finance");
  return (
    <>
      <h1>{t("alternativesTitle")}</h1>
      <AlternativesView />
    </>
  );
}
