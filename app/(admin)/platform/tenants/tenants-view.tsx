"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { DataTable } from "@/app/_components/data-table";
import { MutationError, QueryState } from "@/app/_components/query-state";
import { useTRPC } from "@/app/_trpc/client";

export function TenantsView() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.tenants.list.queryOptions());
  const create = useMutation(
    trpc.tenants.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.tenants.list.queryKey() }) }),
  );
  return (
    <>
      <h1>{t("tenants.title")}</h1>
      <form
        className="panel form-row"
        action={(form) =>
          create.mutate({ slug: String(form.get("slug")), name: String(form.get("name")), timezone: String(form.get("timezone")) })
        }
      >
        <strong style={{ width: "100%" }}>{t("tenants.newTitle")}</strong>
        <label>
          {t("tenants.name")}
          <input name="name" required maxLength={100} />
        </label>
        <label>
          {t("tenants.slug")}
          <input name="slug" required pattern="[a-z0-9][a-z0-9-]{1,39}" />
        </label>
        <label>
          {t("tenants.timezone")}
          <input name="timezone" defaultValue="Asia/Shanghai" required />
        </label>
        <button className="primary" type="submit" disabled={create.isPending}>{t("common.create")}</button>
      </form>
      <MutationError error={create.error} />
      <QueryState query={list} isEmpty={list.data?.length === 0} empty={{ title: t("tenants.empty"), hint: "" }}>
        <DataTable
          testId="tenants-table"
          csvName="tenants.csv"
          rows={list.data ?? []}
          columns={[
            { id: "name", header: t("tenants.name"), value: (x) => x.name },
            { id: "slug", header: t("tenants.slug"), value: (x) => x.slug },
            { id: "timezone", header: t("tenants.timezone"), value: (x) => x.timezone },
            { id: "departments", header: t("tenants.departments"), value: (x) => x._count.departments, numeric: true },
            { id: "members", header: t("tenants.members"), value: (x) => x._count.memberships, numeric: true },
          ]}
        />
      </QueryState>
    </>
  );
}
