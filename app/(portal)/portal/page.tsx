import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { requireViewer } from "../../_components/viewer";
import { getHomeDepartment } from "@/server/tenancy/departments";
import { RemainingBudget } from "./remaining-budget";

export default async function PortalHome() {
  const viewer = await requireViewer();
  const t = await getTranslations();
  const host = (await headers()).get("host") ?? "localhost:3000";
  const baseUrl = `${process.env.PUBLIC_URL ?? `http://${host}`}/v1`;
  if (!viewer.tenant) {
    return (
      <div className="panel" data-testid="empty-state">
        <h1>{t("portal.welcome", { name: viewer.user.name })}</h1>
        <p>{t("portal.noTenant")}</p>
      </div>
    );
  }
  const department = await getHomeDepartment(viewer.user.id, viewer.tenant.id);
  return (
    <>
      <h1>{t("portal.welcome", { name: viewer.user.name })}</h1>
      <div className="panel">
        <p>
          {t("portal.yourRole", { tenant: viewer.tenant.name })}: <strong data-testid="tenant-role">{t(`roles.${viewer.tenant.role}`)}</strong>
        </p>
        <p>
          {t("portal.yourDepartment")}: {department ? <strong>{department.name}</strong> : <span className="muted">{t("portal.noDepartment")}</span>}
        </p>
      </div>
      <RemainingBudget />
      <div className="panel">
        <h2>{t("portal.apiTitle")}</h2>
        <p>{t("portal.apiBody")}</p>
        <pre>{`from openai import OpenAI

client = OpenAI(base_url="${baseUrl}", api_key="sk-...")
reply = client.chat.completions.create(
    model="Qwen/Qwen2.5-7B-Instruct",
    messages=[{"role": "user", "content": "你好"}],
)`}</pre>
      </div>
    </>
  );
}
