"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { QueryState } from "@/app/_components/query-state";
import { useTRPC } from "@/app/_trpc/client";
import { evaluateScenario, GIB, type Decimal, type ScenarioInput } from "@/server/economics";
import { money, num, pct } from "../_components/fmt";
import { Kpi } from "../_components/kpi";
import { getAt, setAt } from "../roi/scenario-figures";

const gib = (d: Decimal) => d.div(GIB).toFixed(1);

export function CapacityView() {
  const t = useTranslations("finance");
  const trpc = useTRPC();
  const base = useQuery(trpc.finance.roiBase.queryOptions());
  const d = base.data;
  return (
    <QueryState query={base} isEmpty={d?.status === "noCostModel"} empty={{ title: t("noCostModel"), hint: t("noCostModelHint") }}>
      {d?.status === "ok" && <Planner base={d.scenario} />}
    </QueryState>
  );
}

function Planner({ base }: { base: ScenarioInput }) {
  const t = useTranslations("finance");
  const locale = useLocale();
  const [draft, setDraft] = useState<ScenarioInput>(base);
  const result = useMemo(() => {
    try {
      return { report: evaluateScenario(draft), error: null };
    } catch (e) {
      const issues = (e as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
      return { report: null, error: issues ? issues.map((i) => `${i.path.map(String).join(".")}: ${i.message}`).join("; ") : String(e) };
    }
  }, [draft]);
  const field = (label: string, path: (string | number)[], numeric = false) => (
    <label key={path.join(".")}>
      {label}
      <input
        value={String(getAt(draft, path) ?? "")}
        onChange={(e) => setDraft(setAt(draft, path, numeric ? Number(e.target.value) : e.target.value))}
        style={{ width: "8rem" }}
      />
    </label>
  );
  const r = result.report;
  const c = r?.capacity;
  return (
    <>
      <div className="panel">
        <h2>{t("capacityInputs")}</h2>
        <div className="form-row">
          <label>
            {t("cap.precision")}
            <select value={String(getAt(draft, ["capacity", "precision"]) ?? "fp16")} onChange={(e) => setDraft(setAt(draft, ["capacity", "precision"], e.target.value))} data-testid="capacity-precision">
              {["fp16", "bf16", "fp8", "int8", "int4"].map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </label>
          {field(t("cap.cards"), ["capacity", "card", "count"], true)}
          {field(t("cap.memory"), ["capacity", "card", "memoryGiB"])}
          {field(t("cap.usable"), ["capacity", "card", "usableFraction"])}
          {field(t("cap.context"), ["capacity", "contextTokens"])}
          {field(t("cap.sequences"), ["capacity", "concurrentSequences"])}
          {field(t("cap.rate"), ["capacity", "outputTokensPerSecondPerCard"])}
          {field(t("cap.target"), ["capacity", "targetUtilisation"])}
          {field(t("cap.hours"), ["capacity", "hoursPerDay"])}
        </div>
        <button style={{ marginTop: "0.75rem" }} onClick={() => setDraft(base)}>{t("resetToCostModel")}</button>
      </div>
      {result.error !== null && <div className="notice error" role="alert">{t("invalidScenario", { message: result.error })}</div>}
      {r && c && (
        <>
          <div className="form-row" style={{ marginBottom: "1rem" }}>
            <Kpi label={t("cap.need")} value={`${gib(c.memory.totalBytes)} GiB`} hint={t("cap.needSplit", { weights: gib(c.memory.weightBytes), kv: gib(c.memory.kvCacheBytes) })} testId="capacity-need" />
            <Kpi label={t("cap.perCard")} value={`${gib(c.usableBytesPerCard)} GiB`} />
            <Kpi label={t("cap.cardsNeeded")} value={c.cards.tensorParallel ?? "—"} hint={t("cap.cardsHint", { memory: c.cards.byMemory, installed: c.cardsInstalled })} testId="capacity-cards" />
            <Kpi label={t("cap.monthly")} value={num(c.outputTokensPerMonthAtTarget.toString(), locale)} hint={t("cap.saturated", { tokens: num(c.outputTokensPerMonthSaturated.toString(), locale) })} />
            <Kpi label={t("cap.utilisationNow")} value={pct(r.utilisation?.toString() ?? null, locale, 2)} />
          </div>
          <div className="panel">
            <h2>{t("cap.quantTitle")}</h2>
            <table>
              <tbody>
                <tr><td>{t("cap.int4Computed")}</td><td className="num">{gib(c.quantised.computed.totalBytes)} GiB</td><td className="num">{t("cap.cardsN", { n: c.quantised.computedCards.tensorParallel ?? "—" })}</td></tr>
                <tr><td>{t("cap.ruleOfThumb")}</td><td className="num">{gib(c.quantised.ruleOfThumbBytes)} GiB</td><td className="num">{t("cap.cardsN", { n: c.quantised.ruleOfThumbCards.tensorParallel ?? "—" })}</td></tr>
                <tr><td>{t("cap.latency")}</td><td className="num" colSpan={2}>{pct(c.quantised.latencyReduction[0].toString(), locale, 0)} ~ {pct(c.quantised.latencyReduction[1].toString(), locale, 0)}</td></tr>
              </tbody>
            </table>
          </div>
          <div className="panel">
            <h2>{t("cap.utilTitle")}</h2>
            <table data-testid="capacity-whatif">
              <thead>
                <tr><th>{t("utilisation")}</th><th className="num">{t("cap.outputPerMonth")}</th><th className="num">{t("cap.costPer1kOut")}</th></tr>
              </thead>
              <tbody>
                {c.utilisationWhatIf.map((p) => (
                  <tr key={p.utilisation.toString()}>
                    <td>{pct(p.utilisation.toString(), locale, 0)}</td>
                    <td className="num">{num(p.outputTokensPerMonth.toString(), locale)}</td>
                    <td className="num">{money(p.costPer1kOutputTokens?.toString() ?? null, locale, r.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">{t("cap.how", { cost: money(r.monthlyCost.accrual.toString(), locale, r.currency) })}</p>
          </div>
        </>
      )}
    </>
  );
}
