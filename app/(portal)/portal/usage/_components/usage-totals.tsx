"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatMoney } from "@/app/_components/format";
import { useTenant } from "@/app/_components/tenant-context";

type Totals = { requests: number; errors: number; estimated: number; promptTokens: number; completionTokens: number; cost: string };

export function UsageTotals({ totals, medianMs, medianTtftMs }: { totals: Totals; medianMs?: number | null; medianTtftMs?: number | null }) {
  const t = useTranslations("usage");
  const locale = useLocale();
  const tenant = useTenant();
  const number = new Intl.NumberFormat(locale);
  const kpis: [string, string, string][] = [
    ["requests", t("requests"), number.format(totals.requests)],
    ["prompt", t("promptTokens"), number.format(totals.promptTokens)],
    ["completion", t("completionTokens"), number.format(totals.completionTokens)],
    ["cost", t("cost"), formatMoney(totals.cost, locale, tenant.currency)],
    ["errors", t("errors"), number.format(totals.errors)],
    ["estimated", t("estimatedCount"), number.format(totals.estimated)],
  ];
  if (medianMs != null) kpis.push(["latency", t("medianLatency"), `${number.format(Math.round(medianMs))} ms`]);
  if (medianTtftMs != null) kpis.push(["ttft", t("medianTtft"), `${number.format(Math.round(medianTtftMs))} ms`]);
  return (
    <div className="form-row" data-testid="usage-totals">
      {kpis.map(([id, label, value]) => (
        <div className="kpi" key={id}>
          <span className="muted">{label}</span>
          <strong data-testid={`usage-${id}`}>{value}</strong>
        </div>
      ))}
    </div>
  );
}
