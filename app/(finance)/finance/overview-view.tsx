"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { QueryState } from "@/app/_components/query-state";
import { useTRPC } from "@/app/_trpc/client";
import { AlternativesTable } from "./_components/alternatives-table";
import { CumulativeChart } from "./_components/cumulative-chart";
import { money, num, pct, unitPrice } from "./_components/fmt";
import { HowComputed } from "./_components/how-computed";
import { Kpi } from "./_components/kpi";
import { currentMonth, MonthPicker } from "./_components/month-picker";

/** The whole cluster's month, for platform finance. */
export function ClusterOverview() {
  const t = useTranslations("finance");
  const locale = useLocale();
  const trpc = useTRPC();
  const [month, setMonth] = useState(currentMonth);
  const q = useQuery(trpc.finance.overview.queryOptions({ month }));
  const d = q.data;
  return (
    <section data-testid="cluster-overview">
      <div className="panel form-row">
        <MonthPicker value={month} onChange={setMonth} />
        <span className="muted">{t("clusterScope")}</span>
      </div>
      <QueryState query={q} isEmpty={d?.status === "noCostModel"} empty={{ title: t("noCostModel"), hint: t("noCostModelHint") }}>
        {d?.status === "ok" && (
          <>
            <div className="form-row" style={{ marginBottom: "1rem" }}>
              <Kpi label={d.assumptions.period.complete ? t("monthCost") : t("monthCostToDate")} value={money(d.cost.total, locale, d.currency)} testId="kpi-cost" />
              <Kpi label={t("tokens")} value={num(d.tokens.total, locale)} hint={t("inOut", { input: num(d.tokens.input, locale), output: num(d.tokens.output, locale) })} testId="kpi-tokens" />
              <Kpi label={t("costPer1k")} value={unitPrice(d.costPer1k, locale, d.currency)} testId="kpi-cost-per-1k" />
              <Kpi label={t("utilisation")} value={pct(d.utilisation, locale, 2)} testId="kpi-utilisation" />
            </div>
            <div className="panel">
              <h2>{t("savingsTitle")}</h2>
              <AlternativesTable rows={d.alternatives} actual={d.cost.total} currency={d.currency} testId="overview-alternatives" />
            </div>
            <div className="panel">
              <h2>{t("cumulativeTitle")}</h2>
              <p className="muted">
                {t("cumulativeIntro", { benefit: money(d.cumulative.benefitPerMonth, locale, d.currency) })}{" "}
                {d.cumulative.payback !== null ? t("paybackAt", { months: Number(d.cumulative.payback).toFixed(2) }) : locale === "zh-CN" ? d.cumulative.paybackReason?.zh : d.cumulative.paybackReason?.en}
              </p>
              <CumulativeChart points={d.cumulative.points} payback={d.cumulative.payback} today={d.cumulative.currentMonthOfLife - 1} currency={d.currency} />
            </div>
            <HowComputed a={d.assumptions} cost={d.cost} />
          </>
        )}
      </QueryState>
    </section>
  );
}
