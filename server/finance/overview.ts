import {
  benefitPerMonth,
  costPer1kTokens,
  cumulativeCost,
  ownershipFromScenario,
  ownershipPayback,
  sum,
  type Scenario,
} from "@/server/economics";
import { computeChargeback, policyOf } from "./chargeback";
import { alternativesOut, assumptionsOf, clusterFigures, costOut, loadMonth, priceAlternatives, str } from "./month";
import { monthOf } from "./period";
import { peakOutputTokensPerSecond, totalsOf } from "./usage";

/**
 * Cumulative cash cost against cumulative benefit, month by month over the
 * cost model's horizon (the article's cash view: hardware in month 1), with
 * the payback point.
 */
export function cumulativeSeries(s: Scenario) {
  const o = ownershipFromScenario(s);
  const benefit = benefitPerMonth(s);
  const months = s.finance.horizonYears * 12;
  const payback = ownershipPayback(o, benefit, months);
  return {
    points: Array.from({ length: months + 1 }, (_, m) => ({
      month: m,
      cost: cumulativeCost(o, m, "cash").toString(),
      benefit: benefit.times(m).toString(),
    })),
    payback: str(payback.months),
    paybackReason: payback.reason ?? null,
    benefitPerMonth: benefit.toString(),
    benefits: s.benefits.map((b) => ({ name: b.name, amount: b.amount.toString(), per: b.per })),
  };
}

/** The cluster's month for platform finance: cost, tokens, utilisation, savings, payback. */
export async function platformOverview(month?: string, now = new Date()) {
  const m = month ?? monthOf(now);
  const load = await loadMonth(m, now);
  if (load.status !== "ok") return { status: "noCostModel" as const, month: m };
  const i = load.inputs;
  const f = clusterFigures(i);
  return {
    status: "ok" as const,
    month: m,
    currency: i.scenario.currency,
    cost: costOut(i),
    requests: f.totals.requests,
    tokens: { input: f.totals.inputTokens.toString(), output: f.totals.outputTokens.toString(), total: f.tokens.toString() },
    costPer1k: str(f.costPer1k),
    utilisation: str(f.utilisation),
    alternatives: alternativesOut(f.alternatives),
    cumulative: { ...cumulativeSeries(i.scenario), currentMonthOfLife: i.monthOfLife },
    assumptions: assumptionsOf(i),
  };
}

/**
 * A tenant's month for its own finance role: its departments' usage, the
 * cost allocated to them by the chargeback, and what the same usage would
 * have cost on each alternative. Nothing about other tenants.
 */
export async function tenantOverview(tenantId: string, month?: string, now = new Date()) {
  const m = month ?? monthOf(now);
  const load = await loadMonth(m, now);
  if (load.status !== "ok") return { status: "noCostModel" as const, month: m };
  const i = load.inputs;
  const policy = policyOf(i);
  const { lines } = computeChargeback(i, policy);
  const mine = lines.filter((l) => !l.overhead && l.tenantId === tenantId);
  const usage = i.usage.filter((u) => u.tenantId === tenantId);
  const totals = totalsOf(usage);
  const tokens = totals.inputTokens.plus(totals.outputTokens);
  const allocated = sum(mine.map((l) => l.amount));
  const peak = await peakOutputTokensPerSecond(i.bounds.from, i.bounds.until, tenantId);
  const alternatives = priceAlternatives(i.scenario, totals, peak, i.bounds.fraction, allocated);
  return {
    status: "ok" as const,
    month: m,
    currency: i.scenario.currency,
    allocatedCost: allocated.toString(),
    requests: totals.requests,
    tokens: { input: totals.inputTokens.toString(), output: totals.outputTokens.toString(), total: tokens.toString() },
    costPer1k: str(costPer1kTokens(allocated, tokens)),
    alternatives: alternativesOut(alternatives),
    departments: mine.map((l) => ({ departmentId: l.departmentId, name: l.departmentName, inputTokens: l.inputTokens, outputTokens: l.outputTokens, amount: l.amount })),
    policy,
    costModel: { version: i.version.version, name: i.version.name },
    period: { complete: i.bounds.complete, fraction: i.bounds.fraction.toString() },
  };
}
