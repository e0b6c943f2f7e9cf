"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { DataTable } from "@/app/_components/data-table";
import { MutationError, QueryState } from "@/app/_components/query-state";
import { useTRPC } from "@/app/_trpc/client";
import { NodeChart } from "./node-chart";
import { NodeForm, type NodeFormValues } from "./node-form";

const percent = (x: number | null | undefined) => (x == null ? null : Math.round(x * 100));
const rounded = (x: number | null | undefined) => (x == null ? null : Math.round(x));

export function NodesView() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Live figures move by the second; a short poll keeps the table honest.
  const list = useQuery(trpc.cluster.list.queryOptions(undefined, { refetchInterval: 3_000 }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.cluster.list.queryKey() });
  const [editingId, setEditingId] = useState<string | null>(null);
  const [chartId, setChartId] = useState<string | null>(null);
  const create = useMutation(trpc.cluster.create.mutationOptions({ onSuccess: invalidate }));
  const update = useMutation(
    trpc.cluster.update.mutationOptions({
      onSuccess: () => {
        setEditingId(null);
        return invalidate();
      },
    }),
  );
  const setEnabled = useMutation(trpc.cluster.setEnabled.mutationOptions({ onSuccess: invalidate }));

  const nodes = list.data ?? [];
  const editing = nodes.find((n) => n.id === editingId);
  const charted = nodes.find((n) => n.id === chartId) ?? nodes[0];
  const noPool = nodes.length > 0 && nodes.every((n) => n.live === null);

  const fmt = (value: number | null, unit: string) => (value === null ? t("common.none") : `${value}${unit}`);
  const health = (n: (typeof nodes)[number]) => {
    if (!n.live) return { label: t("cluster.unknown"), tone: "off" };
    return n.live.healthy ? { label: t("cluster.healthy"), tone: "ok" } : { label: t("cluster.unhealthy"), tone: "down" };
  };

  return (
    <>
      <h1>{t("cluster.title")}</h1>
      <p className="muted">{t("cluster.intro")}</p>
      {editing ? (
        <NodeForm
          key={editing.id}
          initial={editing}
          pending={update.isPending}
          onSubmit={(values: NodeFormValues) => update.mutate({ nodeId: editing.id, ...values })}
          onCancel={() => setEditingId(null)}
        />
      ) : (
        <NodeForm key="new" pending={create.isPending} onSubmit={(values) => create.mutate(values)} />
      )}
      <MutationError error={create.error ?? update.error ?? setEnabled.error} />
      {noPool && <div className="notice">{t("cluster.unknownHint")}</div>}
      <QueryState query={list} isEmpty={nodes.length === 0} empty={{ title: t("cluster.empty"), hint: t("cluster.emptyHint") }}>
        <DataTable
          testId="nodes-table"
          csvName="cluster-nodes.csv"
          rows={nodes}
          columns={[
            { id: "name", header: t("cluster.name"), value: (n) => n.name, cell: (n) => <strong>{n.name}</strong> },
            { id: "baseUrl", header: t("cluster.baseUrl"), value: (n) => n.baseUrl, cell: (n) => <code>{n.baseUrl}</code> },
            { id: "model", header: t("cluster.model"), value: (n) => n.model },
            {
              id: "health",
              header: t("cluster.health"),
              value: (n) => health(n).label,
              cell: (n) => {
                const h = health(n);
                const style = h.tone === "down" ? { background: "#fdecea", color: "var(--danger)" } : h.tone === "ok" ? { background: "#e6f4ec", color: "var(--ok)" } : undefined;
                return (
                  <span className={h.tone === "off" ? "badge off" : "badge"} style={style} title={n.live?.lastError ? t("cluster.lastError", { error: n.live.lastError }) : undefined}>
                    {h.label}
                  </span>
                );
              },
            },
            {
              id: "breaker",
              header: t("cluster.breaker"),
              value: (n) => (n.live ? t(`cluster.breakerState.${n.live.breaker}`) : null),
              cell: (n) =>
                n.live ? <span className={n.live.breaker === "closed" ? "badge off" : "badge"}>{t(`cluster.breakerState.${n.live.breaker}`)}</span> : t("common.none"),
            },
            { id: "outstanding", header: t("cluster.outstanding"), value: (n) => n.live?.outstanding ?? null, numeric: true },
            { id: "running", header: t("cluster.running"), value: (n) => n.live?.running ?? null, numeric: true },
            { id: "waiting", header: t("cluster.waiting"), value: (n) => n.live?.waiting ?? null, numeric: true },
            { id: "kvCache", header: t("cluster.kvCache"), value: (n) => percent(n.live?.kvCacheUse), cell: (n) => fmt(percent(n.live?.kvCacheUse), " %"), numeric: true },
            { id: "power", header: t("cluster.power"), value: (n) => rounded(n.live?.powerWatts), cell: (n) => fmt(rounded(n.live?.powerWatts), " W"), numeric: true },
            { id: "gpuUtil", header: t("cluster.gpuUtil"), value: (n) => rounded(n.live?.gpuUtil), cell: (n) => fmt(rounded(n.live?.gpuUtil), " %"), numeric: true },
            { id: "gpus", header: t("cluster.gpuCount"), value: (n) => `${n.gpuCount} × ${n.gpuModel}` },
            { id: "weight", header: t("cluster.weight"), value: (n) => n.weight, numeric: true },
            {
              id: "enabled",
              header: t("common.status"),
              value: (n) => (n.enabled ? t("cluster.enabled") : t("common.disabled")),
              cell: (n) => <span className={n.enabled ? "badge" : "badge off"}>{n.enabled ? t("cluster.enabled") : t("common.disabled")}</span>,
            },
            {
              id: "actions",
              header: t("common.actions"),
              sortable: false,
              value: () => null,
              cell: (n) => (
                <span className="form-row" style={{ flexWrap: "nowrap" }}>
                  <button onClick={() => setEditingId(n.id)}>{t("cluster.edit")}</button>
                  <button disabled={setEnabled.isPending} onClick={() => setEnabled.mutate({ nodeId: n.id, enabled: !n.enabled })}>
                    {n.enabled ? t("common.disable") : t("common.enable")}
                  </button>
                </span>
              ),
            },
          ]}
        />
        {charted && (
          <section className="panel" style={{ marginTop: "1rem" }}>
            <div className="form-row" style={{ justifyContent: "space-between" }}>
              <h2 style={{ margin: 0 }}>{t("cluster.chartTitle")}</h2>
              <label>
                {t("cluster.chartNode")}
                <select value={charted.id} onChange={(e) => setChartId(e.target.value)}>
                  {nodes.map((n) => (
                    <option key={n.id} value={n.id}>
                      {n.name}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <NodeChart nodeId={charted.id} />
          </section>
        )}
      </QueryState>
    </>
  );
}
