"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { QueryState } from "@/app/_components/query-state";
import { useTenant } from "@/app/_components/tenant-context";
import { useTRPC } from "@/app/_trpc/client";
import { AlternativesTable } from "./_components/alternatives-table";
import { money, num, unitPrice } from "./_components/fmt";
import { Kpi } from "./_components/kpi";
import { currentMonth, MonthPicker } from "./_components/month-picker";

/** One tenant's share of the cluster: its own departments only. */
export function TenantOverview() {
  const t = useTranslations("finance");
  const locale = useLocale();
  const tenant = useTenant();
  const trpc = useTRPC();
  const [month, setMonth] = useState(currentMonth);
  const q = useQuery(trpc.finance.tenantOverview.queryOptions({ tenantId: tenant.id, month }));
  const d = q.data;
  return (
    <section data-testid="tenant-overview">
      <h2>{t("tenantTitle", { tenant: tenant.name })}</h2>
      <div className="panel form-row">
        <MonthPicker value={month} onChange={setMonth} />
      </div>
      <QueryState query={q} isEmpty={d?.status === "noCostModel"} empty={{ title: t("noCostModel"), hint: t("noCostModelHint") }}>
        {d?.status === "ok" && (
          <>
            <div className="form-row" style={{ marginBottom: "1rem" }}>
              <Kpi label={t("allocatedCost")} value={money(d.allocatedCost, locale, d.currency)} testId="kpi-tenant-cost" />
              <Kpi label={t("tokens")} value={num(d.tokens.total, locale)} hint={t("inOut", { input: num(d.tokens.input, locale), output: num(d.tokens.output, locale) })} />
              <Kpi label={t("costPer1k")} value={unitPrice(d.costPer1k, locale, d.currency)} />
            </div>
            <div className="panel">
              <h3>{t("savingsTitle")}</h3>
              <AlternativesTable rows={d.alternatives} actual={d.allocatedCost} currency={d.currency} testId="tenant-alternatives" />
            </div>
            <div className="panel">
              <h3>{t("byDepartment")}</h3>
              <table data-testid="tenant-departments">
                <thead>
                  <tr>
                    <th>{t("department")}</th>
                    <th className="num">{t("inputTokens")}</th>
                    <th className="num">{t("outputTokens")}</th>
                    <th className="num">{t("allocated")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.departments.map((r) => (
                    <tr key={r.departmentId}>
                      <td>{r.name}</td>
                      <td className="num">{num(r.inputTokens, locale)}</td>
                      <td className="num">{num(r.outputTokens, locale)}</td>
                      <td className="num">{money(r.amount, locale, d.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted">{t("tenantHow", { version: d.costModel.version, method: t(`method.${d.policy.method}`), idle: t(`idle.${d.policy.idle}`) })}</p>
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}
