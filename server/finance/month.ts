import {
  actualMonthCost,
  costPer1kTokens,
  monthOfLife,
  outputTokensPerMonth,
  parseScenario,
  priceBom,
  priceApiUsage,
  priceCloudUsage,
  savings,
  savingsRate,
  type Decimal,
  type Scenario,
} from "@/server/economics";
import { catalogAt, toAlternatives, type CatalogEntryView } from "./catalog";
import { costModelForMonth, type CostModelView } from "./cost-model";
import { measuredEnergy, type MeasuredEnergy } from "./energy";
import { monthBounds, type MonthBounds } from "./period";
import { peakOutputTokensPerSecond, totalsOf, usageByDepartment, type DepartmentUsage } from "./usage";

// Everything one month's figures are computed from, loaded once: the cost
// model version in effect, the catalog entries in effect at the end of the
// period, the usage of every department, measured energy when the samples
// cover the period. The engine does all the arithmetic.

export type MonthInputs = {
  bounds: MonthBounds;
  version: CostModelView;
  scenario: Scenario;
  catalog: { used: CatalogEntryView[]; skipped: CatalogEntryView[] };
  usage: DepartmentUsage[];
  peakOutputTokensPerSecond: Decimal;
  energy: MeasuredEnergy | null;
  monthOfLife: number;
  cost: ReturnType<typeof actualMonthCost>;
  /** Saturated output tokens over the costed part of the month. */
  capacityOutputTokens: Decimal;
};

export type MonthLoad = { status: "ok"; inputs: MonthInputs } | { status: "noCostModel"; bounds: MonthBounds };

export async function loadMonth(month: string, now = new Date()): Promise<MonthLoad> {
  const bounds = monthBounds(month, now);
  const version = await costModelForMonth(month);
  if (!version) return { status: "noCostModel", bounds };
  const base = parseScenario(version.inputs);
  const entries = await catalogAt(new Date(bounds.until.getTime() - 1));
  const { alternatives, used, skipped } = toAlternatives(entries, base.currency);
  const scenario: Scenario = { ...base, alternatives };
  const [usage, peak, energy] = await Promise.all([
    usageByDepartment(bounds.from, bounds.until),
    peakOutputTokensPerSecond(bounds.from, bounds.until),
    base.operating.electricity ? measuredEnergy(bounds.from, bounds.until) : Promise.resolve(null),
  ]);
  const life = monthOfLife(version.inServiceMonth, month);
  const cost = actualMonthCost({ scenario, monthOfLife: life, fraction: bounds.fraction, measuredKwh: energy?.kwh ?? null });
  const c = scenario.capacity;
  const capacityOutputTokens = outputTokensPerMonth({
    cards: c.card.count,
    outputTokensPerSecondPerCard: c.outputTokensPerSecondPerCard,
    hoursPerDay: c.hoursPerDay,
    targetUtilisation: 1,
  }).times(bounds.fraction);
  return {
    status: "ok",
    inputs: { bounds, version, scenario, catalog: { used, skipped }, usage, peakOutputTokensPerSecond: peak, energy, monthOfLife: life, cost, capacityOutputTokens },
  };
}

export type AlternativeCost = {
  kind: "api" | "cloud";
  name: string;
  source: string | null;
  cost: Decimal;
  instances: number | null;
  sized: boolean | null;
  /** Alternative - actual: positive means self-hosting saved that much. */
  savings: Decimal;
  savingsRate: Decimal | null;
};

/**
 * Some usage priced on every alternative: APIs on its input and output
 * tokens, cloud instances sized to its busiest hour and billed for the
 * costed part of the month.
 */
export function priceAlternatives(
  s: Scenario,
  volume: { inputTokens: Decimal; outputTokens: Decimal },
  peakTps: Decimal,
  fraction: Decimal,
  actualCost: Decimal,
): AlternativeCost[] {
  return [
    ...s.alternatives.apis.map((api) => {
      const cost = priceApiUsage(api, volume).total;
      return { kind: "api" as const, name: api.name, source: api.source ?? null, cost, instances: null, sized: null, savings: savings(cost, actualCost), savingsRate: savingsRate(cost, actualCost) };
    }),
    ...s.alternatives.cloud.map((inst) => {
      const priced = priceCloudUsage(inst, peakTps);
      const cost = priced.total.times(fraction);
      return {
        kind: "cloud" as const,
        name: inst.name,
        source: inst.source ?? null,
        cost,
        instances: priced.instances,
        sized: priced.sized,
        savings: savings(cost, actualCost),
        savingsRate: savingsRate(cost, actualCost),
      };
    }),
  ];
}

export function clusterFigures(m: MonthInputs) {
  const totals = totalsOf(m.usage);
  const tokens = totals.inputTokens.plus(totals.outputTokens);
  return {
    totals,
    tokens,
    costPer1k: costPer1kTokens(m.cost.total, tokens),
    utilisation: m.capacityOutputTokens.isZero() ? null : totals.outputTokens.div(m.capacityOutputTokens),
    alternatives: priceAlternatives(m.scenario, totals, m.peakOutputTokensPerSecond, m.bounds.fraction, m.cost.total),
  };
}

/** Decimal to string for the wire (full precision; rounding is the page's job). */
export const str = (d: Decimal | null | undefined): string | null => (d === null || d === undefined ? null : d.toString());

export function alternativesOut(rows: AlternativeCost[]) {
  return rows.map((a) => ({ ...a, cost: a.cost.toString(), savings: a.savings.toString(), savingsRate: str(a.savingsRate) }));
}

/** What a page shows under "how this was computed". */
export function assumptionsOf(m: MonthInputs) {
  const s = m.scenario;
  const e = s.operating.electricity;
  return {
    costModel: { version: m.version.version, name: m.version.name, effectiveMonth: m.version.effectiveMonth, inServiceMonth: m.version.inServiceMonth },
    period: { from: m.bounds.from, until: m.bounds.until, complete: m.bounds.complete, fraction: m.bounds.fraction.toString() },
    monthOfLife: m.monthOfLife,
    currency: s.currency,
    hardware: {
      capex: priceBom(s.hardware.bom).total.toString(),
      lifetimeYears: s.hardware.lifetimeYears,
      depreciation: s.hardware.depreciation.method,
    },
    operatingItems: s.operating.items.map((i) => ({ name: i.name, amount: i.amount.toString(), per: i.per })),
    electricity: e
      ? {
          source: m.cost.electricitySource,
          mode: e.mode,
          watts: e.mode === "assumed" ? e.watts.toString() : null,
          hoursPerDay: e.mode === "assumed" ? e.hoursPerDay.toString() : null,
          tariffPerKwh: e.tariffPerKwh.toString(),
          pue: e.pue.toString(),
          kwh: str(m.cost.kwh),
          coverage: m.energy?.coverage ?? null,
          nodes: m.energy?.nodes ?? 0,
          fallbackReason: m.energy?.reason ?? null,
        }
      : null,
    capacity: {
      cards: s.capacity.card.count,
      cardName: s.capacity.card.name,
      outputTokensPerSecondPerCard: s.capacity.outputTokensPerSecondPerCard.toString(),
      hoursPerDay: s.capacity.hoursPerDay.toString(),
      outputTokens: m.capacityOutputTokens.toString(),
    },
    peakOutputTokensPerSecond: m.peakOutputTokensPerSecond.toString(),
    catalog: m.catalog.used.map((c) => ({ id: c.id, name: c.name, kind: c.kind, source: c.source, effectiveFrom: c.effectiveFrom })),
    skippedCatalog: m.catalog.skipped.map((c) => ({ id: c.id, name: c.name, currency: c.currency })),
  };
}

export function costOut(m: MonthInputs) {
  return {
    total: m.cost.total.toString(),
    depreciation: m.cost.depreciation.toString(),
    operating: m.cost.operating.toString(),
    electricity: m.cost.electricity.toString(),
    electricitySource: m.cost.electricitySource,
    kwh: str(m.cost.kwh),
  };
}
