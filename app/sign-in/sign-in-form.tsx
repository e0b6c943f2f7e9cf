"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { LocaleSwitcher } from "../_components/shell-controls";

export function SignInForm({ sso, initialError }: { sso: string | null; initialError: string | null }) {
  const t = useTranslations("signIn");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(initialError);

  async function submit(form: FormData) {
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email")),
      password: String(form.get("password")),
      redirect: false,
    });
    setPending(false);
    if (result?.ok && !result.error) {
      router.replace("/portal");
      router.refresh();
      return;
    }
    setError(result?.status === 429 ? "RateLimited" : "CredentialsSignin");
  }

  return (
    <div className="center-card panel">
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
        <h1>{t("title")}</h1>
        <LocaleSwitcher persist={false} />
      </div>
      <p className="muted">{t("subtitle")}</p>
      <form action={submit}>
        <label>
          {t("email")}
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          {t("password")}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <div className="notice error" role="alert" data-testid="sign-in-error">
            {error === "RateLimited" ? t("rateLimited") : t("invalid")}
          </div>
        )}
        <button className="primary" type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </button>
      </form>
      {sso && (
        <>
          <p className="muted" style={{ textAlign: "center" }}>{t("or")}</p>
          <button style={{ width: "100%" }} onClick={() => signIn("oidc", { callbackUrl: "/portal" })}>
            {t("sso", { name: sso })}
          </button>
        </>
      )}
    </div>
  );
}
