"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useEffect } from "react";
import { formatDateTime, formatMoney } from "@/app/_components/format";
import { useTenant } from "@/app/_components/tenant-context";
import { useTRPC } from "@/app/_trpc/client";

/** The member's remaining budget under each quota that applies to them. */
export function RemainingBudget({ refreshKey = 0 }: { refreshKey?: number }) {
  const t = useTranslations("quotas");
  const locale = useLocale();
  const tenant = useTenant();
  const trpc = useTRPC();
  const mine = useQuery(trpc.quotas.mine.queryOptions({ tenantId: tenant.id }, { refetchInterval: 15_000 }));
  const { refetch } = mine;
  // After each playground answer, the budget is read again.
  useEffect(() => {
    if (refreshKey > 0) void refetch();
  }, [refreshKey, refetch]);
  if (!mine.data) return null;
  const number = new Intl.NumberFormat(locale);
  return (
    <div className="panel" data-testid="remaining-budget">
      <strong>{t("myBudget")}</strong>
      {mine.data.length === 0 ? (
        <p className="muted">{t("myBudgetNone")}</p>
      ) : (
        <ul>
          {mine.data.map((q) => {
            const reset = formatDateTime(q.periodEnd, locale, tenant.timezone);
            const scope = t(`scope${q.scope}`);
            const period = t(`period${q.period}`);
            const exhausted = q.hard && ((q.remainingTokens !== null && Number(q.remainingTokens) <= 0) || (q.remainingSpend !== null && Number(q.remainingSpend) <= 0));
            return (
              <li key={q.id}>
                {q.tokenLimit !== null && t("myBudgetLine", { scope, period, remaining: number.format(Number(q.remainingTokens)), limit: number.format(Number(q.tokenLimit)), reset })}
                {q.spendLimit !== null && (
                  <div>{t("mySpendLine", { scope, period, remaining: formatMoney(q.remainingSpend ?? "0", locale, tenant.currency), limit: formatMoney(q.spendLimit, locale, tenant.currency), reset })}</div>
                )}
                {exhausted && <div className="notice error">{t("exhausted", { reset })}</div>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
