"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { MutationError, QueryState } from "@/app/_components/query-state";
import { useTRPC } from "@/app/_trpc/client";

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export function CatalogView() {
  const t = useTranslations("finance");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const entries = useQuery(trpc.finance.catalog.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.finance.pathKey() });
  const create = useMutation(trpc.finance.catalog.create.mutationOptions({ onSuccess: refresh }));
  const retire = useMutation(trpc.finance.catalog.retire.mutationOptions({ onSuccess: refresh }));
  const [kind, setKind] = useState<"API" | "CLOUD">("API");
  const [f, setF] = useState({ name: "", currency: "CNY", effectiveFrom: today(), source: "", unit: "1K" as "1K" | "1M", input: "", output: "", price: "", per: "year" as "hour" | "month" | "year", hoursPerMonth: "", tps: "" });
  const [retireOn, setRetireOn] = useState(today());
  const submit = () => {
    const common = { name: f.name, currency: f.currency, effectiveFrom: f.effectiveFrom, source: f.source };
    if (kind === "API") create.mutate({ kind, ...common, unit: f.unit, inputTiers: [{ upTo: null, price: f.input }], outputTiers: [{ upTo: null, price: f.output }] });
    else create.mutate({ kind, ...common, price: f.price, per: f.per, ...(f.hoursPerMonth && { hoursPerMonth: f.hoursPerMonth }), ...(f.tps && { outputTokensPerSecond: f.tps }) });
  };
  const tiers = (x: { upTo: string | null; price: string }[] | null) => (x ?? []).map((p) => (p.upTo === null ? p.price : `${p.price} ≤ ${p.upTo}`)).join(", ");
  return (
    <>
      <p className="muted">{t("catalogIntro")}</p>
      <QueryState query={entries} isEmpty={entries.data?.length === 0} empty={{ title: t("catalogEmpty"), hint: "" }}>
        <div className="form-row" style={{ marginBottom: "0.5rem" }}>
          <label>{t("retireOn")}<input type="date" value={retireOn} onChange={(e) => setRetireOn(e.target.value)} /></label>
        </div>
        <table data-testid="catalog-table">
          <thead>
            <tr>
              <th>{t("name")}</th>
              <th>{t("kindLabel")}</th>
              <th>{t("price")}</th>
              <th>{t("currency")}</th>
              <th>{t("effectiveFrom")}</th>
              <th>{t("effectiveTo")}</th>
              <th>{t("source")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(entries.data ?? []).map((e) => (
              <tr key={e.id}>
                <td>{e.name}</td>
                <td>{t(`kind.${e.kind === "API" ? "api" : "cloud"}`)}</td>
                <td>
                  {e.kind === "API"
                    ? t("apiPrice", { input: tiers(e.inputTiers), output: tiers(e.outputTiers), unit: e.unit ?? "1K" })
                    : t("cloudPrice", { price: e.price ?? "", per: t(`per.${e.per ?? "year"}`) }) + (e.outputTokensPerSecond ? ` · ${t("tpsShort", { tps: e.outputTokensPerSecond })}` : "")}
                </td>
                <td>{e.currency}</td>
                <td>{e.effectiveFrom}</td>
                <td>{e.effectiveTo ?? "—"}</td>
                <td className="muted">{e.source}</td>
                <td>{e.effectiveTo === null && <button onClick={() => retire.mutate({ entryId: e.id, effectiveTo: retireOn })}>{t("retire")}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryState>
      <MutationError error={retire.error} />
      <div className="panel" style={{ marginTop: "1rem" }}>
        <h2>{t("addEntry")}</h2>
        <div className="form-row">
          <label>{t("kindLabel")}
            <select value={kind} onChange={(e) => setKind(e.target.value as "API" | "CLOUD")}>
              <option value="API">{t("kind.api")}</option>
              <option value="CLOUD">{t("kind.cloud")}</option>
            </select>
          </label>
          <label>{t("name")}<input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} /></label>
          <label>{t("currency")}<input value={f.currency} onChange={(e) => setF({ ...f, currency: e.target.value.toUpperCase() })} style={{ width: "5rem" }} /></label>
          <label>{t("effectiveFrom")}<input type="date" value={f.effectiveFrom} onChange={(e) => setF({ ...f, effectiveFrom: e.target.value })} /></label>
          {kind === "API" ? (
            <>
              <label>{t("unit")}
                <select value={f.unit} onChange={(e) => setF({ ...f, unit: e.target.value as "1K" | "1M" })}>
                  <option value="1K">1K</option>
                  <option value="1M">1M</option>
                </select>
              </label>
              <label>{t("inputPrice")}<input value={f.input} onChange={(e) => setF({ ...f, input: e.target.value })} style={{ width: "7rem" }} /></label>
              <label>{t("outputPrice")}<input value={f.output} onChange={(e) => setF({ ...f, output: e.target.value })} style={{ width: "7rem" }} /></label>
            </>
          ) : (
            <>
              <label>{t("price")}<input value={f.price} onChange={(e) => setF({ ...f, price: e.target.value })} style={{ width: "7rem" }} /></label>
              <label>{t("perLabel")}
                <select value={f.per} onChange={(e) => setF({ ...f, per: e.target.value as "hour" | "month" | "year" })}>
                  <option value="hour">{t("per.hour")}</option>
                  <option value="month">{t("per.month")}</option>
                  <option value="year">{t("per.year")}</option>
                </select>
              </label>
              <label>{t("hoursPerMonth")}<input value={f.hoursPerMonth} onChange={(e) => setF({ ...f, hoursPerMonth: e.target.value })} style={{ width: "6rem" }} /></label>
              <label>{t("throughput")}<input value={f.tps} onChange={(e) => setF({ ...f, tps: e.target.value })} style={{ width: "6rem" }} /></label>
            </>
          )}
        </div>
        <label style={{ display: "flex", marginTop: "0.75rem" }}>{t("source")}<input value={f.source} onChange={(e) => setF({ ...f, source: e.target.value })} /></label>
        <MutationError error={create.error} />
        <button className="primary" style={{ marginTop: "0.75rem" }} onClick={submit} disabled={create.isPending}>{t("addEntry")}</button>
      </div>
    </>
  );
}
