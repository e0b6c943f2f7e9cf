"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { QueryState } from "@/app/_components/query-state";
import { useTRPC } from "@/app/_trpc/client";
import { AlternativesTable } from "../_components/alternatives-table";
import { localised, money, num, pct } from "../_components/fmt";
import { HowComputed } from "../_components/how-computed";
import { Kpi } from "../_components/kpi";
import { currentMonth, MonthPicker } from "../_components/month-picker";
import { BreakEvenChart } from "./break-even-chart";

export function AlternativesView() {
  const t = useTranslations("finance");
  const locale = useLocale();
  const trpc = useTRPC();
  const [month, setMonth] = useState(currentMonth);
  const q = useQuery(trpc.finance.alternatives.queryOptions({ month }));
  const d = q.data;
  return (
    <>
      <div className="panel form-row">
        <MonthPicker value={month} onChange={setMonth} />
      </div>
      <QueryState query={q} isEmpty={d?.status === "noCostModel"} empty={{ title: t("noCostModel"), hint: t("noCostModelHint") }}>
        {d?.status === "ok" && (
          <>
            <div className="form-row" style={{ marginBottom: "1rem" }}>
              <Kpi label={t("actualCost")} value={money(d.actualCost, locale, d.currency)} />
              <Kpi label={t("tokens")} value={num(d.tokens.total, locale)} hint={t("inOut", { input: num(d.tokens.input, locale), output: num(d.tokens.output, locale) })} />
              <Kpi label={t("monthlyRate")} value={num(d.monthly.volume, locale)} hint={t("monthlyCostRate", { cost: money(d.monthly.cost, locale, d.currency) })} />
              <Kpi label={t("peakToAverage")} value={num(d.monthly.peakToAverage, locale, 2)} hint={t("inputShare", { share: pct(d.monthly.inputShare, locale, 1) })} />
            </div>
            <div className="panel">
              <h2>{t("pricedOnCatalog")}</h2>
              <AlternativesTable rows={d.alternatives} actual={d.actualCost} currency={d.currency} testId="alternatives-table" />
            </div>
            <div className="panel">
              <h2>{t("breakEvenTitle")}</h2>
              <table data-testid="break-even-table">
                <thead>
                  <tr>
                    <th>{t("alternative")}</th>
                    <th className="num">{t("breakEvenVolume")}</th>
                    <th>{t("position")}</th>
                    <th>{t("notes")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.breakEven.map((b) => (
                    <tr key={b.name}>
                      <td>{b.name}</td>
                      <td className="num">{b.tokensPerMonth === null ? "—" : num(b.tokensPerMonth, locale)}</td>
                      <td>{b.aboveBreakEven === null ? "—" : b.aboveBreakEven ? t("selfHostingCheaper") : t("alternativeCheaper")}</td>
                      <td className="muted">{localised(b.note ?? b.reason, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <BreakEvenChart names={d.chart.names} kinds={d.chart.kinds} points={d.chart.points} current={d.monthly.volume} currency={d.currency} />
            </div>
            <HowComputed a={d.assumptions} />
          </>
        )}
      </QueryState>
    </>
  );
}
