import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <div className="center-card panel">
      <h1>{t("notFoundTitle")}</h1>
      <Link href="/portal">{t("home")}</Link>
    </div>
  );
}
