"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { DataTable } from "@/app/_components/data-table";
import { MutationError, QueryState } from "@/app/_components/query-state";
import { useTenant } from "@/app/_components/tenant-context";
import { useTRPC } from "@/app/_trpc/client";
import { KeyForm } from "./key-form";
import { useKeyColumns } from "./key-columns";
import { NewKeyNotice } from "./new-key-notice";

export function MyKeysView({ hasDepartment }: { hasDepartment: boolean }) {
  const t = useTranslations("apiKeys");
  const tenant = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<{ key: string; prefix: string } | null>(null);
  const list = useQuery(trpc.apiKeys.listMine.queryOptions({ tenantId: tenant.id }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.listMine.queryKey() });
  const issued = (r: { key: string; apiKey: { prefix: string } }) => {
    setShown({ key: r.key, prefix: r.apiKey.prefix });
    return invalidate();
  };
  const create = useMutation(trpc.apiKeys.createPersonal.mutationOptions({ onSuccess: issued }));
  const rotate = useMutation(trpc.apiKeys.rotate.mutationOptions({ onSuccess: issued }));
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: invalidate }));
  const columns = useKeyColumns(tenant.timezone, {
    revoke: (k) => revoke.mutate({ tenantId: tenant.id, apiKeyId: k.id }),
    rotate: (k) => rotate.mutate({ tenantId: tenant.id, apiKeyId: k.id }),
    mayRotate: () => true,
    pending: revoke.isPending || rotate.isPending,
  });

  return (
    <>
      <h1>{t("myTitle")}</h1>
      <p className="muted">{t("myIntro")}</p>
      {hasDepartment ? (
        <KeyForm title={t("newPersonal")} pending={create.isPending} onCreate={(values) => create.mutate({ tenantId: tenant.id, ...values })} />
      ) : (
        <div className="notice error" role="alert">{t("noHomeDepartment")}</div>
      )}
      {shown && <NewKeyNotice created={shown} onDone={() => setShown(null)} />}
      <MutationError error={create.error ?? rotate.error ?? revoke.error} />
      <QueryState query={list} isEmpty={list.data?.length === 0} empty={{ title: t("empty"), hint: t("emptyHint") }}>
        <DataTable testId="keys-table" csvName={`api-keys-${tenant.slug}.csv`} rows={list.data ?? []} columns={columns} />
      </QueryState>
    </>
  );
}
