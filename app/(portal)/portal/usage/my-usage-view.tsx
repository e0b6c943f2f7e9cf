"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { DataTable } from "@/app/_components/data-table";
import { formatDateTime, formatMoney } from "@/app/_components/format";
import { QueryState } from "@/app/_components/query-state";
import { useTenant } from "@/app/_components/tenant-context";
import { useTRPC } from "@/app/_trpc/client";
import { RangePicker, type Range } from "./_components/range-picker";
import { TokensByDayChart } from "./_components/tokens-by-day-chart";
import { UsageTotals } from "./_components/usage-totals";

export function MyUsageView() {
  const t = useTranslations("usage");
  const locale = useLocale();
  const tenant = useTenant();
  const trpc = useTRPC();
  const [days, setDays] = useState<Range>(30);
  const usage = useQuery(trpc.usage.mine.queryOptions({ tenantId: tenant.id, days }));
  const recent = useInfiniteQuery(
    trpc.usage.myRecent.infiniteQueryOptions({ tenantId: tenant.id, limit: 50 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const recentRows = recent.data?.pages.flatMap((p) => p.items) ?? [];
  const number = new Intl.NumberFormat(locale);
  const money = (cost: string | null) => (cost === null ? "" : formatMoney(cost, locale, tenant.currency));

  return (
    <>
      <h1>{t("myTitle")}</h1>
      <div className="panel form-row">
        <RangePicker value={days} onChange={setDays} />
        <span className="muted">{t("daysIn", { timezone: tenant.timezone })}</span>
      </div>
      <QueryState
        query={usage}
        isEmpty={usage.data?.totals.requests === 0 && recentRows.length === 0}
        empty={{ title: t("emptyMine"), hint: t("emptyMineHint") }}
      >
        {usage.data && (
          <>
            <UsageTotals totals={usage.data.totals} medianMs={usage.data.latency.p50TotalMs} medianTtftMs={usage.data.latency.p50TtftMs} />
            <div className="panel">
              <h2>{t("byDay")}</h2>
              <TokensByDayChart days={usage.data.byDay} />
            </div>
            <h2>{t("byModel")}</h2>
            <DataTable
              testId="usage-by-model"
              csvName={`usage-by-model-${tenant.slug}-${days}d.csv`}
              rows={usage.data.byModel}
              columns={[
                { id: "model", header: t("model"), value: (r) => r.model },
                { id: "requests", header: t("requests"), value: (r) => r.requests, cell: (r) => number.format(r.requests), numeric: true },
                { id: "prompt", header: t("promptTokens"), value: (r) => r.promptTokens, cell: (r) => number.format(r.promptTokens), numeric: true },
                { id: "completion", header: t("completionTokens"), value: (r) => r.completionTokens, cell: (r) => number.format(r.completionTokens), numeric: true },
                { id: "errors", header: t("errors"), value: (r) => r.errors, numeric: true },
                { id: "cost", header: t("cost"), value: (r) => r.cost, cell: (r) => money(r.cost), numeric: true },
              ]}
            />
          </>
        )}
        <h2>{t("recent")}</h2>
        <QueryState query={recent} isEmpty={recentRows.length === 0} empty={{ title: t("emptyRecent"), hint: t("emptyMineHint") }}>
          <DataTable
            testId="usage-recent"
            csvName={`usage-recent-${tenant.slug}.csv`}
            rows={recentRows}
            columns={[
              { id: "time", header: t("time"), value: (r) => r.startedAt.toISOString(), cell: (r) => formatDateTime(r.startedAt, locale, tenant.timezone) },
              { id: "model", header: t("model"), value: (r) => r.model },
              { id: "endpoint", header: t("endpoint"), value: (r) => r.endpoint },
              { id: "prompt", header: t("promptTokens"), value: (r) => r.promptTokens, numeric: true },
              { id: "completion", header: t("completionTokens"), value: (r) => r.completionTokens, numeric: true },
              { id: "status", header: t("status"), value: (r) => t(`statuses.${r.status}`) },
              { id: "estimated", header: t("estimated"), value: (r) => (r.estimated ? t("yes") : t("no")) },
              { id: "ttft", header: t("ttftMs"), value: (r) => r.ttftMs, numeric: true },
              { id: "total", header: t("totalMs"), value: (r) => r.totalMs, numeric: true },
              { id: "cost", header: t("cost"), value: (r) => r.cost, cell: (r) => money(r.cost), numeric: true },
            ]}
          />
          {recent.hasNextPage && (
            <button onClick={() => recent.fetchNextPage()} disabled={recent.isFetchingNextPage}>{t("loadMore")}</button>
          )}
        </QueryState>
      </QueryState>
    </>
  );
}
