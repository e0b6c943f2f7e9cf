"use client";

import { useLocale, useTranslations } from "next-intl";
import { money, num, pct } from "./fmt";

export type Assumptions = {
  costModel: { version: number; name: string; effectiveMonth: string; inServiceMonth: string };
  period: { from: Date; until: Date; complete: boolean; fraction: string };
  monthOfLife: number;
  currency: string;
  hardware: { capex: string; lifetimeYears: number; depreciation: string };
  operatingItems: { name: string; amount: string; per: string }[];
  electricity: {
    source: string;
    mode: string;
    watts: string | null;
    hoursPerDay: string | null;
    tariffPerKwh: string;
    pue: string;
    kwh: string | null;
    coverage: number | null;
    nodes: number;
    fallbackReason: string | null;
  } | null;
  capacity: { cards: number; cardName: string; outputTokensPerSecondPerCard: string; hoursPerDay: string; outputTokens: string };
  peakOutputTokensPerSecond: string;
  catalog: { id: string; name: string; kind: string; source: string; effectiveFrom: string }[];
  skippedCatalog: { id: string; name: string; currency: string }[];
};

/** "How this was computed": every input the figures above came from. */
export function HowComputed({ a, cost }: { a: Assumptions; cost?: { depreciation: string; operating: string; electricity: string; total: string } }) {
  const t = useTranslations("finance");
  const locale = useLocale();
  const m = (v: string | null) => money(v, locale, a.currency);
  const e = a.electricity;
  return (
    <details className="panel" data-testid="how-computed">
      <summary>{t("howComputed")}</summary>
      <ul>
        <li>{t("how.costModel", { version: a.costModel.version, name: a.costModel.name, effective: a.costModel.effectiveMonth })}</li>
        <li>{a.period.complete ? t("how.periodComplete") : t("how.periodPartial", { fraction: pct(a.period.fraction, locale, 2) })}</li>
        <li>{t("how.depreciation", { capex: m(a.hardware.capex), years: a.hardware.lifetimeYears, method: a.hardware.depreciation, month: a.monthOfLife, inService: a.costModel.inServiceMonth })}{cost ? ` → ${m(cost.depreciation)}` : ""}</li>
        <li>
          {t("how.operating")} {a.operatingItems.map((i) => `${i.name} ${m(i.amount)}/${t(`per.${i.per}`)}`).join("; ")}
          {cost ? ` → ${m(cost.operating)}` : ""}
        </li>
        {e && (
          <li>
            {e.source === "measured"
              ? t("how.electricityMeasured", { kwh: num(e.kwh, locale, 1), nodes: e.nodes, coverage: pct(String(e.coverage ?? 0), locale, 1), tariff: e.tariffPerKwh, pue: e.pue })
              : t("how.electricityAssumed", { watts: e.watts ?? "—", hours: e.hoursPerDay ?? "—", tariff: e.tariffPerKwh, pue: e.pue, kwh: num(e.kwh, locale, 1) })}
            {e.fallbackReason ? ` (${t(`how.fallback.${e.fallbackReason}`)})` : ""}
            {cost ? ` → ${m(cost.electricity)}` : ""}
          </li>
        )}
        {cost && <li><strong>{t("how.total", { total: m(cost.total) })}</strong></li>}
        <li>{t("how.capacity", { cards: a.capacity.cards, card: a.capacity.cardName, rate: num(a.capacity.outputTokensPerSecondPerCard, locale), hours: a.capacity.hoursPerDay, tokens: num(a.capacity.outputTokens, locale) })}</li>
        <li>{t("how.peak", { peak: num(a.peakOutputTokensPerSecond, locale, 1) })}</li>
        <li>
          {t("how.catalog")} {a.catalog.map((c) => `${c.name} (${c.source}; ${t("since", { day: c.effectiveFrom })})`).join("; ")}
        </li>
        {a.skippedCatalog.length > 0 && <li>{t("how.skipped", { names: a.skippedCatalog.map((c) => `${c.name} (${c.currency})`).join(", ") })}</li>}
        <li>{t("how.savings")}</li>
      </ul>
    </details>
  );
}
