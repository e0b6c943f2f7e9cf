import type { AppLocale } from "../locales";

// One file per namespace and language, so that features own their texts.
const NAMESPACES = [
  "common",
  "roles",
  "nav",
  "signIn",
  "portal",
  "departments",
  "members",
  "audit",
  "tenants",
  "finance",
  "errors",
  "apiKeys",
  "usage",
  "cluster",
  "playground",
  "quotas",
] as const;

export async function loadMessages(locale: AppLocale): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => [ns, (await import(`./${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}

export { NAMESPACES };
