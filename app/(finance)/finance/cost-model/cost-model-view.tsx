"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { formatDateTime } from "@/app/_components/format";
import { MutationError, QueryState } from "@/app/_components/query-state";
import { useTRPC } from "@/app/_trpc/client";
import { currentMonth } from "../_components/month-picker";

export function CostModelView() {
  const t = useTranslations("finance");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.finance.costModel.list.queryOptions());
  const latest = versions.data?.[0];
  const [form, setForm] = useState<{
    name: string;
    effectiveMonth: string;
    inServiceMonth: string;
    allocationMethod: "WEIGHTED_TOKENS" | "GPU_TIME";
    idlePolicy: "SPREAD" | "OVERHEAD";
    inputTokenWeight: string;
    outputTokenWeight: string;
    note: string;
    inputs: string;
  } | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const create = useMutation(
    trpc.finance.costModel.create.mutationOptions({
      onSuccess: async () => {
        setForm(null);
        await queryClient.invalidateQueries({ queryKey: trpc.finance.pathKey() });
      },
    }),
  );
  const startEdit = () =>
    setForm({
      name: latest?.name ?? "",
      effectiveMonth: currentMonth(),
      inServiceMonth: latest?.inServiceMonth ?? currentMonth(),
      allocationMethod: latest?.allocationMethod ?? "WEIGHTED_TOKENS",
      idlePolicy: latest?.idlePolicy ?? "SPREAD",
      inputTokenWeight: latest?.inputTokenWeight ?? "1",
      outputTokenWeight: latest?.outputTokenWeight ?? "1",
      note: "",
      inputs: JSON.stringify(latest?.inputs ?? { name: "", hardware: { bom: [] } }, null, 2),
    });
  const submit = () => {
    if (!form) return;
    try {
      const inputs = JSON.parse(form.inputs) as Record<string, unknown>;
      setParseError(null);
      create.mutate({ ...form, note: form.note || undefined, inputs });
    } catch (e) {
      setParseError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <p className="muted">{t("costModelIntro")}</p>
      <QueryState query={versions} isEmpty={versions.data?.length === 0} empty={{ title: t("noCostModel"), hint: t("noCostModelHint") }}>
        <table data-testid="cost-model-versions">
          <thead>
            <tr>
              <th>{t("version")}</th>
              <th>{t("name")}</th>
              <th>{t("effectiveFrom")}</th>
              <th>{t("inService")}</th>
              <th>{t("methodLabel")}</th>
              <th>{t("idleLabel")}</th>
              <th>{t("note")}</th>
              <th>{t("created")}</th>
            </tr>
          </thead>
          <tbody>
            {(versions.data ?? []).map((v) => (
              <tr key={v.id}>
                <td>v{v.version}</td>
                <td>{v.name}</td>
                <td>{v.effectiveMonth}</td>
                <td>{v.inServiceMonth}</td>
                <td>{t(`method.${v.allocationMethod}`)}{v.allocationMethod === "WEIGHTED_TOKENS" ? ` (${t("weights", { input: v.inputTokenWeight, output: v.outputTokenWeight })})` : ""}</td>
                <td>{t(`idle.${v.idlePolicy}`)}</td>
                <td className="muted">{v.note}</td>
                <td>{formatDateTime(v.createdAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryState>
      {!form ? (
        <button className="primary" onClick={startEdit} style={{ marginTop: "1rem" }} data-testid="new-version">{t("newVersion")}</button>
      ) : (
        <div className="panel" style={{ marginTop: "1rem" }}>
          <h2>{t("newVersion")}</h2>
          <div className="form-row">
            <label>{t("name")}<input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
            <label>{t("effectiveFrom")}<input type="month" value={form.effectiveMonth} min={currentMonth()} onChange={(e) => setForm({ ...form, effectiveMonth: e.target.value })} /></label>
            <label>{t("inService")}<input type="month" value={form.inServiceMonth} onChange={(e) => setForm({ ...form, inServiceMonth: e.target.value })} /></label>
            <label>
              {t("methodLabel")}
              <select value={form.allocationMethod} onChange={(e) => setForm({ ...form, allocationMethod: e.target.value as "WEIGHTED_TOKENS" | "GPU_TIME" })}>
                <option value="WEIGHTED_TOKENS">{t("method.WEIGHTED_TOKENS")}</option>
                <option value="GPU_TIME">{t("method.GPU_TIME")}</option>
              </select>
            </label>
            <label>
              {t("idleLabel")}
              <select value={form.idlePolicy} onChange={(e) => setForm({ ...form, idlePolicy: e.target.value as "SPREAD" | "OVERHEAD" })}>
                <option value="SPREAD">{t("idle.SPREAD")}</option>
                <option value="OVERHEAD">{t("idle.OVERHEAD")}</option>
              </select>
            </label>
            <label>{t("inputWeight")}<input value={form.inputTokenWeight} onChange={(e) => setForm({ ...form, inputTokenWeight: e.target.value })} style={{ width: "6rem" }} /></label>
            <label>{t("outputWeight")}<input value={form.outputTokenWeight} onChange={(e) => setForm({ ...form, outputTokenWeight: e.target.value })} style={{ width: "6rem" }} /></label>
          </div>
          <label style={{ display: "flex", marginTop: "0.75rem" }}>{t("note")}<input value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} /></label>
          <label style={{ display: "flex", marginTop: "0.75rem" }}>
            {t("scenarioInputs")}
            <textarea rows={20} value={form.inputs} onChange={(e) => setForm({ ...form, inputs: e.target.value })} style={{ width: "100%", fontFamily: "monospace", fontSize: "0.8rem" }} />
          </label>
          {parseError && <div className="notice error">{parseError}</div>}
          <MutationError error={create.error} />
          <div className="form-row" style={{ marginTop: "0.75rem" }}>
            <button className="primary" onClick={submit} disabled={create.isPending}>{t("createVersion")}</button>
            <button onClick={() => setForm(null)}>{t("cancel")}</button>
          </div>
        </div>
      )}
    </>
  );
}
