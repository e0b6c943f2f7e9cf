"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { DataTable, type Column } from "@/app/_components/data-table";
import { formatMoney } from "@/app/_components/format";
import { QueryState } from "@/app/_components/query-state";
import { useTenant } from "@/app/_components/tenant-context";
import { useTRPC } from "@/app/_trpc/client";
import { RangePicker, type Range } from "@/app/(portal)/portal/usage/_components/range-picker";
import { TokensByDayChart } from "@/app/(portal)/portal/usage/_components/tokens-by-day-chart";
import { UsageTotals } from "@/app/(portal)/portal/usage/_components/usage-totals";

type Sums = { requests: number; errors: number; promptTokens: number; completionTokens: number; cost: string };

export function DepartmentUsageView() {
  const t = useTranslations("usage");
  const locale = useLocale();
  const tenant = useTenant();
  const trpc = useTRPC();
  const [days, setDays] = useState<Range>(30);
  // Empty: every department the viewer may see.
  const [departmentId, setDepartmentId] = useState("");
  const departments = useQuery(trpc.usage.departments.queryOptions({ tenantId: tenant.id }));
  const usage = useQuery(trpc.usage.department.queryOptions({ tenantId: tenant.id, days, ...(departmentId && { departmentId }) }));
  const number = new Intl.NumberFormat(locale);

  // The same figures after each table's own label columns.
  function sums<T extends Sums>(): Column<T>[] {
    return [
      { id: "requests", header: t("requests"), value: (r) => r.requests, cell: (r) => number.format(r.requests), numeric: true },
      { id: "prompt", header: t("promptTokens"), value: (r) => r.promptTokens, cell: (r) => number.format(r.promptTokens), numeric: true },
      { id: "completion", header: t("completionTokens"), value: (r) => r.completionTokens, cell: (r) => number.format(r.completionTokens), numeric: true },
      { id: "errors", header: t("errors"), value: (r) => r.errors, numeric: true },
      { id: "cost", header: t("cost"), value: (r) => r.cost, cell: (r) => formatMoney(r.cost, locale, tenant.currency), numeric: true },
    ];
  }
  const csv = (what: string) => `usage-${what}-${tenant.slug}-${days}d.csv`;

  return (
    <>
      <h1>{t("departmentTitle")}</h1>
      <QueryState query={departments} isEmpty={departments.data?.length === 0} empty={{ title: t("noDepartments"), hint: "" }}>
        <div className="panel form-row">
          <label>
            {t("department")}
            <select value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
              <option value="">{t("allDepartments")}</option>
              {(departments.data ?? []).map((d) => (
                <option key={d.id} value={d.id}>{d.archived ? t("archived", { name: d.name }) : d.name}</option>
              ))}
            </select>
          </label>
          <RangePicker value={days} onChange={setDays} />
          <span className="muted">{t("daysIn", { timezone: tenant.timezone })}</span>
        </div>
        <QueryState query={usage} isEmpty={usage.data?.totals.requests === 0} empty={{ title: t("emptyDepartment"), hint: t("emptyDepartmentHint") }}>
          {usage.data && (
            <>
              <UsageTotals totals={usage.data.totals} />
              <div className="panel">
                <h2>{t("byDay")}</h2>
                <TokensByDayChart days={usage.data.byDay} />
              </div>
              <h2>{t("byMember")}</h2>
              <DataTable
                testId="usage-by-member"
                csvName={csv("by-member")}
                rows={usage.data.byMember}
                columns={[
                  { id: "member", header: t("member"), value: (r) => r.name ?? t("noMember") },
                  { id: "email", header: t("email"), value: (r) => r.email },
                  ...sums<(typeof usage.data.byMember)[number]>(),
                ]}
              />
              <h2>{t("byKey")}</h2>
              <DataTable
                testId="usage-by-key"
                csvName={csv("by-key")}
                rows={usage.data.byKey}
                columns={[
                  { id: "key", header: t("key"), value: (r) => (r.apiKeyId ? (r.name ?? r.apiKeyId) : t("noKey")) },
                  { id: "prefix", header: t("prefix"), value: (r) => r.prefix },
                  ...sums<(typeof usage.data.byKey)[number]>(),
                ]}
              />
              <h2>{t("byModel")}</h2>
              <DataTable
                testId="usage-by-model"
                csvName={csv("by-model")}
                rows={usage.data.byModel}
                columns={[{ id: "model", header: t("model"), value: (r) => r.model }, ...sums<(typeof usage.data.byModel)[number]>()]}
              />
              {!departmentId && (
                <>
                  <h2>{t("byDepartment")}</h2>
                  <DataTable
                    testId="usage-by-department"
                    csvName={csv("by-department")}
                    rows={usage.data.byDepartment}
                    columns={[{ id: "department", header: t("department"), value: (r) => r.name }, ...sums<(typeof usage.data.byDepartment)[number]>()]}
                  />
                </>
              )}
            </>
          )}
        </QueryState>
      </QueryState>
    </>
  );
}
