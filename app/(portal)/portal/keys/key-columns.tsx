"use client";

import { useLocale, useTranslations } from "next-intl";
import type { Column } from "@/app/_components/data-table";
import { formatDateTime } from "@/app/_components/format";
import type { ListedKey } from "@/server/auth/api-keys/listed-key";

type Actions<K> = {
  revoke: (key: K) => void;
  rotate: (key: K) => void;
  // Admins see their members' personal keys but only the owner may rotate one.
  mayRotate: (key: K) => boolean;
  pending: boolean;
};

// The columns both key pages show, plus their actions. Revoking and rotating
// ask first: both end a key that applications may be using.
export function useKeyColumns<K extends ListedKey>(timeZone: string, actions: Actions<K>): Column<K>[] {
  const t = useTranslations("apiKeys");
  const common = useTranslations("common");
  const locale = useLocale();
  const date = (d: Date | null, none: string) => (d ? formatDateTime(d, locale, timeZone) : none);
  // A key rotated with a grace period still works but cannot be rotated again.
  const rotatable = (k: K) => k.revokedAt === null && actions.mayRotate(k);
  return [
    { id: "name", header: t("name"), value: (k) => k.name },
    { id: "prefix", header: t("prefix"), value: (k) => k.prefix, cell: (k) => <code>{k.prefix}…</code> },
    {
      id: "scopes",
      header: t("scopes"),
      value: (k) => `${k.endpoints.join(", ") || t("allEndpoints")}; ${k.models.join(", ") || t("allModels")}`,
    },
    { id: "created", header: common("created"), value: (k) => k.createdAt.toISOString(), cell: (k) => date(k.createdAt, "") },
    { id: "lastUsed", header: t("lastUsed"), value: (k) => k.lastUsedAt?.toISOString() ?? "", cell: (k) => date(k.lastUsedAt, t("never")) },
    { id: "expires", header: t("endsAt"), value: (k) => k.endsAt?.toISOString() ?? "", cell: (k) => date(k.endsAt, t("never")) },
    {
      id: "status",
      header: common("status"),
      value: (k) => t(`status.${k.status}`),
      cell: (k) => <span className={k.status === "active" ? "badge" : "badge off"}>{t(`status.${k.status}`)}</span>,
    },
    {
      id: "actions",
      header: common("actions"),
      sortable: false,
      value: () => null,
      cell: (k) =>
        k.status === "active" && (
          <span className="form-row">
            <button
              disabled={actions.pending}
              onClick={() => window.confirm(t("revokeConfirm", { prefix: k.prefix })) && actions.revoke(k)}
            >
              {t("revoke")}
            </button>
            {rotatable(k) && (
              <button
                disabled={actions.pending}
                onClick={() => window.confirm(t("rotateConfirm", { prefix: k.prefix })) && actions.rotate(k)}
              >
                {t("rotate")}
              </button>
            )}
          </span>
        ),
    },
  ];
}
