"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { MutationError, QueryState } from "@/app/_components/query-state";
import { useTRPC } from "@/app/_trpc/client";
import { benefitPerMonth, cashRoiAtYear, cumulativeCost, evaluateScenario, ownershipFromScenario, parseScenario, type Scenario, type ScenarioInput, type ScenarioReport } from "@/server/economics";
import { CumulativeChart } from "../_components/cumulative-chart";
import { localised, money, pct, unitPrice } from "../_components/fmt";
import { Kpi } from "../_components/kpi";
import { keyFigures, type KeyFigures } from "./scenario-figures";
import { ScenarioEditor } from "./scenario-editor";
import { TornadoChart } from "./tornado-chart";

type Evaluated = { report: ScenarioReport; scenario: Scenario; baseRoi: string | null; error: null } | { report: null; scenario: null; baseRoi: null; error: string };

// The engine runs in the browser on every edit: the same functions the
// server and the CLI use, so the page cannot disagree with them.
function evaluate(input: ScenarioInput): Evaluated {
  try {
    const s = parseScenario(input);
    const report = evaluateScenario(s);
    return { report, scenario: s, baseRoi: cashRoiAtYear(s, s.finance.sensitivityYear)?.toString() ?? null, error: null };
  } catch (e) {
    const issues = (e as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    return { report: null, scenario: null, baseRoi: null, error: issues ? issues.map((i) => `${i.path.map(String).join(".")}: ${i.message}`).join("; ") : String(e) };
  }
}

/** Cumulative cash cost and benefit month by month, from the engine's cash view. */
function cumulativePoints(s: Scenario) {
  const o = ownershipFromScenario(s);
  const benefit = benefitPerMonth(s);
  return Array.from({ length: s.finance.horizonYears * 12 + 1 }, (_, m) => ({ month: m, cost: cumulativeCost(o, m, "cash").toString(), benefit: benefit.times(m).toString() }));
}

export function RoiView() {
  const t = useTranslations("finance");
  const locale = useLocale();
  const trpc = useTRPC();
  const base = useQuery(trpc.finance.roiBase.queryOptions());
  const d = base.data;
  return (
    <QueryState query={base} isEmpty={d?.status === "noCostModel"} empty={{ title: t("noCostModel"), hint: t("noCostModelHint") }}>
      {d?.status === "ok" && (
        <>
          <p className="muted">
            {t("roiIntro", { version: d.costModel.version, name: d.costModel.name })}{" "}
            {d.volumeSource.observed ? t("volumeObserved", { month: d.volumeSource.month }) : t("volumeAssumed")}
          </p>
          <RoiWorkbench base={d.scenario} locale={locale} />
        </>
      )}
    </QueryState>
  );
}

function RoiWorkbench({ base, locale }: { base: ScenarioInput; locale: string }) {
  const t = useTranslations("finance");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ScenarioInput>(base);
  const [name, setName] = useState("");
  const result = useMemo(() => evaluate(draft), [draft]);
  const saved = useQuery(trpc.finance.scenarios.list.queryOptions());
  const save = useMutation(
    trpc.finance.scenarios.save.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.finance.scenarios.list.queryKey() }) }),
  );
  const remove = useMutation(
    trpc.finance.scenarios.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.finance.scenarios.list.queryKey() }) }),
  );
  const r = result.report;
  const cur = r?.currency ?? "CNY";
  const m = (v: { toString(): string } | null | undefined) => money(v === null || v === undefined ? null : v.toString(), locale, cur);
  const headline = r?.years[r.years.length - 1];

  return (
    <>
      <div className="form-row" style={{ marginBottom: "1rem" }}>
        <button onClick={() => setDraft(base)}>{t("resetToCostModel")}</button>
        <label>
          {t("scenarioName")}
          <input value={name} onChange={(e) => setName(e.target.value)} data-testid="scenario-name" />
        </label>
        <button className="primary" disabled={!name.trim() || !r || save.isPending} onClick={() => save.mutate({ name: name.trim(), inputs: { ...draft, name: name.trim() } as Record<string, unknown> })} data-testid="save-scenario">
          {t("saveScenario")}
        </button>
        {save.isSuccess && <span className="notice ok">{t("saved")}</span>}
        <label>
          {t("loadScenario")}
          <select value="" onChange={(e) => {
            const s = saved.data?.find((x) => x.id === e.target.value);
            if (s) setDraft(s.inputs);
          }}>
            <option value="">—</option>
            {(saved.data ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
      </div>
      <MutationError error={save.error ?? remove.error} />
      {result.error !== null ? (
        <div className="notice error" role="alert" data-testid="scenario-error">{t("invalidScenario", { message: result.error })}</div>
      ) : (
        r && (
          <>
            <div className="form-row" style={{ marginBottom: "1rem" }}>
              <Kpi label={t("payback")} value={r.payback.months === null ? t("never") : t("months", { value: r.payback.months.toFixed(2) })} hint={r.payback.reason ? localised(r.payback.reason, locale) : undefined} testId="roi-payback" />
              <Kpi label={t("roiAfter", { years: headline?.year ?? 0 })} value={pct(headline?.cashRoi?.toString() ?? null, locale, 2)} testId="roi-headline" />
              <Kpi label={t("npv", { rate: pct(r.discountRate.toString(), locale, 1) })} value={m(r.npv.yearly)} testId="roi-npv" />
              <Kpi label={t("irr")} value={r.irr.yearly.rate === null ? "—" : pct(r.irr.yearly.rate.toString(), locale, 1)} hint={r.irr.yearly.rate === null ? localised(r.irr.yearly.reason, locale) : undefined} testId="roi-irr" />
              <Kpi label={t("monthlyAccrual")} value={m(r.monthlyCost.accrual)} />
            </div>
            <div className="panel">
              <h2>{t("yearTable")}</h2>
              <table data-testid="roi-years">
                <thead>
                  <tr>
                    <th>{t("year")}</th>
                    <th className="num">{t("cumulativeBenefit")}</th>
                    <th className="num">{t("cumulativeCost")}</th>
                    <th className="num">{t("cashRoi")}</th>
                    <th className="num">{t("cumulativeAccrualCost")}</th>
                    <th className="num">{t("accrualRoi")}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.years.map((y) => (
                    <tr key={y.year}>
                      <td>{y.year}</td>
                      <td className="num">{m(y.cumulativeBenefit)}</td>
                      <td className="num">{m(y.cumulativeCashCost)}</td>
                      <td className="num">{pct(y.cashRoi?.toString() ?? null, locale, 2)}</td>
                      <td className="num">{m(y.cumulativeAccrualCost)}</td>
                      <td className="num">{pct(y.accrualRoi?.toString() ?? null, locale, 2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted">{t("roiDefinition")}</p>
            </div>
            <div className="panel">
              <h2>{t("cumulativeTitle")}</h2>
              <CumulativeChart points={cumulativePoints(result.scenario!)} payback={r.payback.months?.toString() ?? null} currency={cur} />
            </div>
            <div className="panel">
              <h2>{t("tornadoTitle", { year: r.sensitivity.year })}</h2>
              <p className="muted">{t("tornadoIntro", { base: pct(result.baseRoi, locale, 2) })}</p>
              <TornadoChart bars={r.sensitivity.bars} base={result.baseRoi} swing={r.sensitivity.swing.toString()} />
            </div>
            <details className="panel">
              <summary>{t("howComputed")}</summary>
              <ul>
                <li>{t("how.capex", { total: m(r.capex.total) })}: {r.capex.lines.map((l) => `${l.component} ${m(l.amount)}`).join("; ")}</li>
                <li>{t("how.opexYear", { total: m(r.opex.perYear) })}: {r.opex.items.map((i) => `${i.name} ${m(i.perYear)}`).join("; ")}</li>
                {r.opex.electricity && <li>{t("how.kwhYear", { kwh: r.opex.electricity.kwhPerYear.toFixed(1), cost: m(r.opex.electricity.costPerYear) })}</li>}
                <li>{t("how.benefitYear", { total: m(r.benefits.perYear) })}: {r.benefits.items.map((i) => `${i.name} ${m(i.perYear)}`).join("; ")}</li>
                <li>{t("roiDefinition")}</li>
                <li>{t("paybackDefinition")}</li>
              </ul>
            </details>
          </>
        )
      )}
      <ScenarioEditor draft={draft} onChange={setDraft} />
      <Compare current={draft} base={base} saved={saved.data ?? []} onDelete={(id) => remove.mutate({ scenarioId: id })} />
    </>
  );
}

type Option = { id: string; name: string; inputs: ScenarioInput };

function Compare({ current, base, saved, onDelete }: { current: ScenarioInput; base: ScenarioInput; saved: Option[]; onDelete: (id: string) => void }) {
  const t = useTranslations("finance");
  const locale = useLocale();
  const options: Option[] = [{ id: "editor", name: t("inEditor"), inputs: current }, { id: "base", name: t("costModelScenario"), inputs: base }, ...saved];
  const [left, setLeft] = useState("base");
  const [right, setRight] = useState("editor");
  const figures = (id: string): KeyFigures | null => {
    const o = options.find((x) => x.id === id);
    if (!o) return null;
    const e = evaluate(o.inputs);
    return e.report ? keyFigures(e.report) : null;
  };
  const a = figures(left);
  const b = figures(right);
  const rows: { key: keyof KeyFigures; kind: "money" | "pct" | "months" }[] = [
    { key: "capex", kind: "money" },
    { key: "opexPerYear", kind: "money" },
    { key: "benefitPerYear", kind: "money" },
    { key: "monthlyAccrual", kind: "money" },
    { key: "payback", kind: "months" },
    { key: "roiFinal", kind: "pct" },
    { key: "npv", kind: "money" },
    { key: "irr", kind: "pct" },
    { key: "costPer1k", kind: "money" },
    { key: "utilisation", kind: "pct" },
  ];
  const show = (v: string | null, kind: string, key: string) => (key === "costPer1k" ? unitPrice(v, locale) : kind === "money" ? money(v, locale) : kind === "pct" ? pct(v, locale, 2) : v === null ? t("never") : Number(v).toFixed(2));
  const select = (value: string, set: (v: string) => void, testId: string) => (
    <select value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
      {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
    </select>
  );
  return (
    <div className="panel" data-testid="scenario-compare">
      <h2>{t("compareTitle")}</h2>
      <div className="form-row">
        <label>{t("left")}{select(left, setLeft, "compare-left")}</label>
        <label>{t("right")}{select(right, setRight, "compare-right")}</label>
      </div>
      <table>
        <thead>
          <tr>
            <th>{t("figure")}</th>
            <th className="num">{options.find((o) => o.id === left)?.name}</th>
            <th className="num">{options.find((o) => o.id === right)?.name}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const va = a?.[row.key] ?? null;
            const vb = b?.[row.key] ?? null;
            return (
              <tr key={row.key} className={va !== vb ? "differs" : undefined}>
                <td>{t(`fig.${row.key}`)}</td>
                <td className="num">{a ? show(va, row.kind, row.key) : "—"}</td>
                <td className="num">{b ? show(vb, row.kind, row.key) : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {saved.length > 0 && (
        <>
          <h3>{t("savedScenarios")}</h3>
          <ul>
            {saved.map((s) => (
              <li key={s.id}>
                {s.name} <button className="danger" onClick={() => onDelete(s.id)}>{t("delete")}</button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
