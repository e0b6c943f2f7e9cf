"use client";

import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/app/_trpc/client";
import { LOCALE_COOKIE, LOCALES, type AppLocale } from "@/app/_i18n/locales";

const YEAR = 60 * 60 * 24 * 365;
const setCookie = (name: string, value: string) => {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=${YEAR}; samesite=lax`;
};

export function TenantSwitcher({ tenants, current }: { tenants: { slug: string; name: string }[]; current: string }) {
  const t = useTranslations("common");
  const router = useRouter();
  return (
    <label style={{ flexDirection: "row", alignItems: "center" }}>
      {t("tenant")}
      <select
        aria-label={t("tenant")}
        value={current}
        onChange={(e) => {
          setCookie("tenant", e.target.value);
          router.refresh();
        }}
      >
        {tenants.map((x) => (
          <option key={x.slug} value={x.slug}>
            {x.name}
          </option>
        ))}
      </select>
    </label>
  );
}

const LOCALE_NAMES: Record<AppLocale, string> = { "zh-CN": "简体中文", en: "English" };

export function LocaleSwitcher({ persist = true }: { persist?: boolean }) {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const save = useMutation(trpc.me.setLocale.mutationOptions());
  return (
    <select
      aria-label={t("language")}
      value={locale}
      onChange={(e) => {
        const next = e.target.value as AppLocale;
        setCookie(LOCALE_COOKIE, next);
        if (persist) save.mutate({ locale: next });
        router.refresh();
      }}
    >
      {LOCALES.map((l) => (
        <option key={l} value={l}>
          {LOCALE_NAMES[l]}
        </option>
      ))}
    </select>
  );
}

export function SignOutButton() {
  const t = useTranslations("common");
  const router = useRouter();
  // No redirect by next-auth: its URL would be built from NEXTAUTH_URL, which
  // need not match the address the browser used.
  const signOutHere = async () => {
    await signOut({ redirect: false });
    router.replace("/sign-in");
    router.refresh();
  };
  return <button onClick={signOutHere}>{t("signOut")}</button>;
}
