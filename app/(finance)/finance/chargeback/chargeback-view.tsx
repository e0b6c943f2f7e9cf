"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { DataTable, type Column } from "@/app/_components/data-table";
import { QueryState } from "@/app/_components/query-state";
import { useTenant } from "@/app/_components/tenant-context";
import { useTRPC } from "@/app/_trpc/client";
import type { ChargebackLine } from "@/server/finance";
import { cents, money, num, pct } from "../_components/fmt";
import { Kpi } from "../_components/kpi";
import { currentMonth, MonthPicker } from "../_components/month-picker";

type Method = "WEIGHTED_TOKENS" | "GPU_TIME";
type Idle = "SPREAD" | "OVERHEAD";

function useColumns(total: string, currency: string, withTenant: boolean): Column<ChargebackLine>[] {
  const t = useTranslations("finance");
  const locale = useLocale();
  const share = (l: ChargebackLine) => (Number(total) === 0 ? null : String(Number(l.amount) / Number(total)));
  return [
    ...(withTenant ? [{ id: "tenant", header: t("tenant"), value: (l: ChargebackLine) => (l.overhead ? t("platform") : l.tenantName) }] : []),
    { id: "department", header: t("department"), value: (l) => (l.overhead ? t("overheadLine") : l.departmentName) },
    { id: "input", header: t("inputTokens"), value: (l) => l.inputTokens, cell: (l) => num(l.inputTokens, locale), numeric: true },
    { id: "output", header: t("outputTokens"), value: (l) => l.outputTokens, cell: (l) => num(l.outputTokens, locale), numeric: true },
    { id: "units", header: t("units"), value: (l) => Number(l.units).toFixed(3), cell: (l) => num(l.units, locale, 1), numeric: true },
    { id: "share", header: t("share"), value: (l) => share(l), cell: (l) => pct(share(l), locale, 2), numeric: true },
    { id: "amount", header: t("allocated"), value: (l) => l.amount, cell: (l) => money(l.amount, locale, currency), numeric: true },
    { id: "cheapest", header: t("cheapestAlternative"), value: (l) => l.cheapest?.name ?? null },
    { id: "cheapestCost", header: t("cheapestCost"), value: (l) => (l.cheapest ? cents(l.cheapest.cost) : null), cell: (l) => money(l.cheapest?.cost, locale, currency), numeric: true },
    { id: "cheapestSavings", header: t("savings"), value: (l) => (l.cheapest ? cents(l.cheapest.savings) : null), cell: (l) => money(l.cheapest?.savings, locale, currency), numeric: true },
  ];
}

/** The whole cluster's statement, with finance's choice of method and idle policy. */
export function ClusterChargeback() {
  const t = useTranslations("finance");
  const locale = useLocale();
  const trpc = useTRPC();
  const [month, setMonth] = useState(currentMonth);
  const [method, setMethod] = useState<Method | "">("");
  const [idle, setIdle] = useState<Idle | "">("");
  const q = useQuery(trpc.finance.chargeback.queryOptions({ month, ...(method && { method }), ...(idle && { idle }) }));
  const d = q.data;
  const columns = useColumns(d?.status === "ok" ? d.total : "0", "CNY", true);
  return (
    <section>
      <div className="panel form-row">
        <MonthPicker value={month} onChange={setMonth} />
        <label>
          {t("methodLabel")}
          <select value={method} onChange={(e) => setMethod(e.target.value as Method | "")} data-testid="chargeback-method">
            <option value="">{t("asCostModel")}</option>
            <option value="WEIGHTED_TOKENS">{t("method.WEIGHTED_TOKENS")}</option>
            <option value="GPU_TIME">{t("method.GPU_TIME")}</option>
          </select>
        </label>
        <label>
          {t("idleLabel")}
          <select value={idle} onChange={(e) => setIdle(e.target.value as Idle | "")} data-testid="chargeback-idle">
            <option value="">{t("asCostModel")}</option>
            <option value="SPREAD">{t("idle.SPREAD")}</option>
            <option value="OVERHEAD">{t("idle.OVERHEAD")}</option>
          </select>
        </label>
      </div>
      <QueryState query={q} isEmpty={d?.status === "noCostModel"} empty={{ title: t("noCostModel"), hint: t("noCostModelHint") }}>
        {d?.status === "ok" && (
          <>
            <div className="form-row" style={{ marginBottom: "1rem" }}>
              <Kpi label={d.complete ? t("monthCost") : t("monthCostToDate")} value={money(d.total, locale)} testId="chargeback-total" />
              <Kpi label={t("methodLabel")} value={t(`method.${d.policy.method}`)} hint={d.policy.method === "WEIGHTED_TOKENS" ? t("weights", { input: d.policy.inputWeight, output: d.policy.outputWeight }) : undefined} />
              <Kpi label={t("idleLabel")} value={t(`idle.${d.policy.idle}`)} />
            </div>
            <DataTable testId="chargeback-table" csvName={`chargeback-${d.month}.csv`} rows={d.lines} columns={columns} />
            <p className="muted">{t("chargebackHow", { version: d.costModel.version })}</p>
          </>
        )}
      </QueryState>
    </section>
  );
}

/** One tenant's lines of the statement. */
export function TenantChargeback() {
  const t = useTranslations("finance");
  const locale = useLocale();
  const tenant = useTenant();
  const trpc = useTRPC();
  const [month, setMonth] = useState(currentMonth);
  const q = useQuery(trpc.finance.tenantChargeback.queryOptions({ tenantId: tenant.id, month }));
  const d = q.data;
  const columns = useColumns(d?.status === "ok" ? d.total : "0", tenant.currency, false);
  return (
    <section>
      <h2>{t("tenantTitle", { tenant: tenant.name })}</h2>
      <div className="panel form-row">
        <MonthPicker value={month} onChange={setMonth} />
      </div>
      <QueryState query={q} isEmpty={d?.status === "noCostModel"} empty={{ title: t("noCostModel"), hint: t("noCostModelHint") }}>
        {d?.status === "ok" && (
          <>
            <div className="form-row" style={{ marginBottom: "1rem" }}>
              <Kpi label={t("allocatedCost")} value={money(d.total, locale, tenant.currency)} testId="tenant-chargeback-total" />
              <Kpi label={t("methodLabel")} value={t(`method.${d.policy.method}`)} />
              <Kpi label={t("idleLabel")} value={t(`idle.${d.policy.idle}`)} />
            </div>
            <DataTable testId="tenant-chargeback-table" csvName={`chargeback-${tenant.slug}-${d.month}.csv`} rows={d.lines} columns={columns} />
            <p className="muted">{t("chargebackHow", { version: d.costModel.version })}</p>
          </>
        )}
      </QueryState>
    </section>
  );
}
