import { getTranslations } from "next-intl/server";
import { requirePlatformScope } from "../../../_components/viewer";
import { CatalogView } from "./catalog-view";

export default async function CatalogPage() {
  await requirePlatformScope("platform:priceCatalog");
  const t = await getTranslations("finance");
  return (
    <>
      <h1>{t("catalogTitle")}</h1>
      <CatalogView />
    </>
  );
}
