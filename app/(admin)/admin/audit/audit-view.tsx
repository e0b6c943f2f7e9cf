"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { DataTable } from "@/app/_components/data-table";
import { formatDateTime } from "@/app/_components/format";
import { QueryState } from "@/app/_components/query-state";
import { useTenant } from "@/app/_components/tenant-context";
import { useTRPC } from "@/app/_trpc/client";

type Filters = { action?: string; actorEmail?: string; from?: Date; to?: Date };

const dayStart = (value: FormDataEntryValue | null) => (value ? new Date(`${String(value)}T00:00:00`) : undefined);
const dayAfter = (value: FormDataEntryValue | null) => {
  const d = dayStart(value);
  return d ? new Date(d.getTime() + 86_400_000) : undefined;
};

export function AuditView() {
  const t = useTranslations();
  const locale = useLocale();
  const tenant = useTenant();
  const trpc = useTRPC();
  const [filters, setFilters] = useState<Filters>({});
  const query = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { tenantId: tenant.id, ...filters, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <h1>{t("audit.title")}</h1>
      <form
        className="panel form-row"
        action={(form) =>
          setFilters({
            action: String(form.get("action") ?? "") || undefined,
            actorEmail: String(form.get("actor") ?? "") || undefined,
            from: dayStart(form.get("from")),
            to: dayAfter(form.get("to")),
          })
        }
      >
        <label>
          {t("audit.action")}
          <input name="action" placeholder={t("audit.filterAction")} />
        </label>
        <label>
          {t("audit.actor")}
          <input name="actor" type="email" placeholder={t("audit.filterActor")} />
        </label>
        <label>
          {t("audit.from")}
          <input name="from" type="date" />
        </label>
        <label>
          {t("audit.to")}
          <input name="to" type="date" />
        </label>
        <button type="submit" className="primary">OK</button>
      </form>
      <QueryState query={query} isEmpty={rows.length === 0} empty={{ title: t("audit.empty"), hint: t("audit.emptyHint") }}>
        <DataTable
          testId="audit-table"
          csvName={`audit-${tenant.slug}.csv`}
          rows={rows}
          columns={[
            { id: "time", header: t("audit.time"), value: (r) => r.createdAt.toISOString(), cell: (r) => formatDateTime(r.createdAt, locale, tenant.timezone) },
            { id: "action", header: t("audit.action"), value: (r) => r.action, cell: (r) => <code>{r.action}</code> },
            { id: "actor", header: t("audit.actor"), value: (r) => r.actorEmail ?? "" },
            { id: "target", header: t("audit.target"), value: (r) => `${r.targetType}${r.targetId ? ` ${r.targetId.slice(0, 8)}` : ""}` },
            { id: "details", header: t("audit.details"), sortable: false, value: (r) => JSON.stringify(r.data), cell: (r) => <code>{JSON.stringify(r.data)}</code> },
          ]}
        />
        {query.hasNextPage && (
          <button onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage} style={{ marginTop: "0.75rem" }}>
            {t("audit.loadMore")}
          </button>
        )}
      </QueryState>
    </>
  );
}
