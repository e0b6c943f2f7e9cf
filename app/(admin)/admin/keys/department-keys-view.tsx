"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { DataTable, type Column } from "@/app/_components/data-table";
import { MutationError, QueryState } from "@/app/_components/query-state";
import { useTenant } from "@/app/_components/tenant-context";
import { useTRPC } from "@/app/_trpc/client";
import { KeyForm } from "@/app/(portal)/portal/keys/key-form";
import { useKeyColumns } from "@/app/(portal)/portal/keys/key-columns";
import { NewKeyNotice } from "@/app/(portal)/portal/keys/new-key-notice";
import type { ListedKey } from "@/server/auth/api-keys/listed-key";

type DepartmentKey = ListedKey & { owner: { email: string; name: string } | null };

/** departments: those the viewer administers, decided by the page on the server. */
export function DepartmentKeysView({ departments }: { departments: { id: string; name: string }[] }) {
  const t = useTranslations("apiKeys");
  const tenant = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [departmentId, setDepartmentId] = useState(departments[0]?.id ?? "");
  const [shown, setShown] = useState<{ key: string; prefix: string } | null>(null);
  const list = useQuery(trpc.apiKeys.listForDepartment.queryOptions({ tenantId: tenant.id, departmentId }, { enabled: departmentId !== "" }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.listForDepartment.queryKey() });
  const issued = (r: { key: string; apiKey: { prefix: string } }) => {
    setShown({ key: r.key, prefix: r.apiKey.prefix });
    return invalidate();
  };
  const create = useMutation(trpc.apiKeys.createService.mutationOptions({ onSuccess: issued }));
  const rotate = useMutation(trpc.apiKeys.rotate.mutationOptions({ onSuccess: issued }));
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: invalidate }));
  const [name, ...rest] = useKeyColumns<DepartmentKey>(tenant.timezone, {
    revoke: (k) => revoke.mutate({ tenantId: tenant.id, apiKeyId: k.id }),
    rotate: (k) => rotate.mutate({ tenantId: tenant.id, apiKeyId: k.id }),
    mayRotate: (k) => k.kind === "SERVICE",
    pending: revoke.isPending || rotate.isPending,
  });
  const owner: Column<DepartmentKey> = {
    id: "owner",
    header: t("owner"),
    value: (k) => k.owner?.email ?? t("service"),
    cell: (k) => (k.owner ? k.owner.email : <span className="badge">{t("service")}</span>),
  };

  if (departments.length === 0) {
    return (
      <>
        <h1>{t("departmentTitle")}</h1>
        <div className="panel" data-testid="empty-state">
          <strong>{t("noDepartments")}</strong>
          <p className="muted">{t("noDepartmentsHint")}</p>
        </div>
      </>
    );
  }
  return (
    <>
      <h1>{t("departmentTitle")}</h1>
      <p className="muted">{t("departmentIntro")}</p>
      <label style={{ marginBottom: "0.5rem" }}>
        {t("department")}
        <select
          value={departmentId}
          onChange={(e) => {
            setDepartmentId(e.target.value);
            setShown(null);
          }}
        >
          {departments.map((d) => (
            <option key={d.id} value={d.id}>{d.name}</option>
          ))}
        </select>
      </label>
      <KeyForm title={t("newService")} pending={create.isPending} onCreate={(values) => create.mutate({ tenantId: tenant.id, departmentId, ...values })} />
      {shown && <NewKeyNotice created={shown} onDone={() => setShown(null)} />}
      <MutationError error={create.error ?? rotate.error ?? revoke.error} />
      <QueryState query={list} isEmpty={list.data?.length === 0} empty={{ title: t("departmentEmpty"), hint: t("departmentEmptyHint") }}>
        <DataTable testId="department-keys-table" csvName={`api-keys-${tenant.slug}.csv`} rows={list.data ?? []} columns={[name!, owner, ...rest]} />
      </QueryState>
    </>
  );
}
