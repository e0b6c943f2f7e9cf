"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { DataTable } from "@/app/_components/data-table";
import { formatDateTime } from "@/app/_components/format";
import { MutationError, QueryState } from "@/app/_components/query-state";
import { useCan, useTenant } from "@/app/_components/tenant-context";
import { useTRPC } from "@/app/_trpc/client";

export function DepartmentsView() {
  const t = useTranslations();
  const locale = useLocale();
  const tenant = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canUpdate = useCan("departments:update");
  const [includeArchived, setIncludeArchived] = useState(false);
  const list = useQuery(trpc.departments.list.queryOptions({ tenantId: tenant.id, includeArchived }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.departments.list.queryKey() });
  const create = useMutation(trpc.departments.create.mutationOptions({ onSuccess: invalidate }));
  const rename = useMutation(trpc.departments.rename.mutationOptions({ onSuccess: invalidate }));
  const archive = useMutation(trpc.departments.archive.mutationOptions({ onSuccess: invalidate }));

  return (
    <>
      <h1>{t("departments.title")}</h1>
      <form
        className="panel form-row"
        action={(form) =>
          create.mutate({ tenantId: tenant.id, slug: String(form.get("slug")), name: String(form.get("name")) })
        }
      >
        <strong style={{ width: "100%" }}>{t("departments.newTitle")}</strong>
        <label>
          {t("departments.name")}
          <input name="name" required maxLength={100} />
        </label>
        <label>
          {t("departments.slug")}
          <input name="slug" required pattern="[a-z0-9][a-z0-9-]{1,39}" placeholder="support" />
        </label>
        <button className="primary" type="submit" disabled={create.isPending}>
          {t("common.create")}
        </button>
      </form>
      <MutationError error={create.error ?? rename.error ?? archive.error} />
      <label style={{ flexDirection: "row", alignItems: "center", marginBottom: "0.5rem" }}>
        <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
        {t("common.showArchived")}
      </label>
      <QueryState query={list} isEmpty={list.data?.length === 0} empty={{ title: t("departments.empty"), hint: t("departments.emptyHint") }}>
        <DataTable
          testId="departments-table"
          csvName={`departments-${tenant.slug}.csv`}
          rows={list.data ?? []}
          columns={[
            { id: "name", header: t("departments.name"), value: (d) => d.name },
            { id: "slug", header: t("departments.slug"), value: (d) => d.slug, cell: (d) => <code>{d.slug}</code> },
            { id: "members", header: t("departments.members"), value: (d) => d.memberCount, numeric: true },
            {
              id: "status",
              header: t("common.status"),
              value: (d) => (d.archivedAt ? t("common.archived") : t("common.active")),
              cell: (d) => <span className={d.archivedAt ? "badge off" : "badge"}>{d.archivedAt ? t("common.archived") : t("common.active")}</span>,
            },
            { id: "created", header: t("common.created"), value: (d) => d.createdAt.toISOString(), cell: (d) => formatDateTime(d.createdAt, locale, tenant.timezone) },
            {
              id: "actions",
              header: t("common.actions"),
              sortable: false,
              value: () => null,
              cell: (d) =>
                canUpdate && (
                  <span className="form-row">
                    <button
                      onClick={() => {
                        const name = window.prompt(t("departments.renamePrompt"), d.name);
                        if (name && name !== d.name) rename.mutate({ tenantId: tenant.id, departmentId: d.id, name });
                      }}
                    >
                      {t("common.rename")}
                    </button>
                    <button onClick={() => archive.mutate({ tenantId: tenant.id, departmentId: d.id, archived: !d.archivedAt })}>
                      {d.archivedAt ? t("common.restore") : t("common.archive")}
                    </button>
                  </span>
                ),
            },
          ]}
        />
      </QueryState>
    </>
  );
}
