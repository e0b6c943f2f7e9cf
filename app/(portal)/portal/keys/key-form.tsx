"use client";

import { useTranslations } from "next-intl";
import { KEY_ENDPOINTS, type KeyEndpoint } from "@/server/auth/api-keys/key-scopes";

export type KeyFormValues = { name: string; expiresAt?: Date; endpoints: KeyEndpoint[]; models: string[] };

// An expiry date means the key works through that whole day, in the
// browser's time zone.
const endOfDay = (date: string) => new Date(`${date}T23:59:59.999`);
const today = () => new Date().toLocaleDateString("sv");

export function KeyForm({ title, pending, onCreate }: { title: string; pending: boolean; onCreate: (values: KeyFormValues) => void }) {
  const t = useTranslations("apiKeys");
  const common = useTranslations("common");
  return (
    <form
      className="panel form-row"
      action={(form) => {
        const expires = String(form.get("expires") ?? "");
        onCreate({
          name: String(form.get("name")),
          expiresAt: expires ? endOfDay(expires) : undefined,
          endpoints: KEY_ENDPOINTS.filter((e) => form.get(`endpoint-${e}`) === "on"),
          models: String(form.get("models") ?? "")
            .split(",")
            .map((m) => m.trim())
            .filter(Boolean),
        });
      }}
    >
      <strong style={{ width: "100%" }}>{title}</strong>
      <label>
        {t("name")}
        <input name="name" required maxLength={100} placeholder={t("namePlaceholder")} />
      </label>
      <label>
        {t("expires")}
        <input name="expires" type="date" min={today()} />
      </label>
      <fieldset className="form-row">
        <legend>{t("endpoints")}</legend>
        {KEY_ENDPOINTS.map((e) => (
          <label key={e} style={{ flexDirection: "row", alignItems: "center" }}>
            <input type="checkbox" name={`endpoint-${e}`} />
            <code>{e}</code>
          </label>
        ))}
        <span className="muted">{t("endpointsHint")}</span>
      </fieldset>
      <label>
        {t("models")}
        <input name="models" maxLength={2000} placeholder="Qwen/Qwen2.5-7B-Instruct" />
        <span className="muted">{t("modelsHint")}</span>
      </label>
      <button className="primary" type="submit" disabled={pending}>
        {common("create")}
      </button>
    </form>
  );
}
