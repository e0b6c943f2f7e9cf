import {
  peakTokensPerSecond,
  priceApiUsage,
  priceCloudUsage,
  savings,
} from "./alternatives";
import { breakEvenApiVolume, breakEvenCloudVolume, type BreakEven } from "./breakeven";
import {
  cardsNeeded,
  memoryNeed,
  outputTokensPerMonth,
  quantisationWhatIf,
  usableBytesPerCard,
  utilisationWhatIf,
  type CardsNeeded,
  type MemoryNeed,
  type Precision,
  type UtilisationPoint,
} from "./capacity";
import { priceBom, type PricedBomLine } from "./capex";
import type { DepreciationYear } from "./depreciation";
import { dec, type Decimal } from "./money";
import { annualRateFromMonthly, irr, monthlyRateFromAnnual, npv, type Irr } from "./npv";
import { opexItemPerYear } from "./opex";
import { costPer1kTokens, cumulativeCost, monthCost, utilisation } from "./period-cost";
import { ownershipPayback, roiByYear, type Payback, type RoiYear } from "./roi";
import { parseScenario, type Scenario, type ScenarioInput } from "./scenario";
import { benefitPerMonth, electricityPerYear, ownershipFromScenario } from "./scenario-model";
import { scenarioTornado } from "./scenario-sensitivity";
import type { TornadoBar } from "./sensitivity";

export interface AlternativeReport {
  kind: "api" | "cloud";
  name: string;
  /** What the scenario's monthly volume would cost there. */
  monthlyCost: Decimal;
  /** Cloud only: instances sized to the peak; `sized` false = throughput unknown, one assumed. */
  instances: number | null;
  sized: boolean | null;
  /** Alternative - self-hosting (accrual), per month and per year. */
  savingsPerMonth: Decimal;
  savingsPerYear: Decimal;
  /** Monthly volume (all tokens) from which self-hosting costs no more. */
  breakEven: BreakEven;
  /** Whether that volume fits what the cluster serves at its target utilisation. */
  breakEvenWithinCapacity: boolean | null;
}

export interface CapacityReport {
  precision: Precision;
  memory: MemoryNeed;
  usableBytesPerCard: Decimal;
  cardsInstalled: number;
  cards: CardsNeeded;
  /** Saturated output tokens a month over the service hours, and at the target utilisation. */
  outputTokensPerMonthSaturated: Decimal;
  outputTokensPerMonthAtTarget: Decimal;
  quantised: {
    /** int4 computed from parameters (embeddings kept at 16 bits). */
    computed: MemoryNeed;
    computedCards: CardsNeeded;
    /** The article's rule of thumb applied to this scenario's fp16 need. */
    ruleOfThumbBytes: Decimal;
    ruleOfThumbCards: CardsNeeded;
    latencyReduction: readonly [Decimal, Decimal];
  };
  utilisationWhatIf: UtilisationPoint[];
}

export interface ScenarioReport {
  name: string;
  currency: string;
  horizonYears: number;
  discountRate: Decimal;
  capex: { lines: PricedBomLine[]; total: Decimal };
  depreciation: DepreciationYear[];
  opex: {
    electricity: { kwhPerYear: Decimal; costPerYear: Decimal } | null;
    items: { name: string; perYear: Decimal }[];
    perYear: Decimal;
    perMonth: Decimal;
  };
  benefits: { items: { name: string; perYear: Decimal }[]; perMonth: Decimal; perYear: Decimal };
  /**
   * Self-hosting per month. Cash: running costs once the hardware is paid.
   * Accrual: average over the horizon of depreciation + running costs, the
   * figure every alternative is compared with.
   */
  monthlyCost: { cash: Decimal; accrual: Decimal };
  years: RoiYear[];
  payback: Payback;
  npv: { yearly: Decimal; monthly: Decimal };
  /** Both as annual rates; the monthly one compounds the monthly IRR. */
  irr: { yearly: Irr; monthly: Irr };
  tokens: { input: Decimal; output: Decimal; total: Decimal };
  costPer1k: { actual: Decimal | null; atTarget: Decimal | null; atCapacity: Decimal | null };
  /** Scenario output tokens / saturated output capacity. */
  utilisation: Decimal | null;
  alternatives: AlternativeReport[];
  capacity: CapacityReport;
  /** Cash ROI after `year` years with each input moved by -swing / +swing. */
  sensitivity: { year: number; swing: Decimal; bars: TornadoBar[] };
}

function capacityReport(s: Scenario, monthlyCost: Decimal): CapacityReport {
  const c = s.capacity;
  const memInput = {
    model: c.model,
    kvBytesPerElement: c.kvBytesPerElement,
    contextTokens: c.contextTokens,
    concurrentSequences: c.concurrentSequences,
  };
  const memory = memoryNeed({ ...memInput, precision: c.precision });
  const fp16 = memoryNeed({ ...memInput, precision: "fp16" });
  const int4 = memoryNeed({ ...memInput, precision: "int4" });
  const rule = quantisationWhatIf(fp16.totalBytes, c.card, c.model, c.whatIf.quantisedMemoryReduction);
  const throughput = {
    cards: c.card.count,
    outputTokensPerSecondPerCard: c.outputTokensPerSecondPerCard,
    hoursPerDay: c.hoursPerDay,
  };
  return {
    precision: c.precision,
    memory,
    usableBytesPerCard: usableBytesPerCard(c.card),
    cardsInstalled: c.card.count,
    cards: cardsNeeded(memory.totalBytes, c.card, c.model),
    outputTokensPerMonthSaturated: outputTokensPerMonth({ ...throughput, targetUtilisation: 1 }),
    outputTokensPerMonthAtTarget: outputTokensPerMonth({ ...throughput, targetUtilisation: c.targetUtilisation }),
    quantised: {
      computed: int4,
      computedCards: cardsNeeded(int4.totalBytes, c.card, c.model),
      ruleOfThumbBytes: rule.bytes,
      ruleOfThumbCards: rule.cards,
      latencyReduction: c.whatIf.quantisedLatencyReduction,
    },
    utilisationWhatIf: utilisationWhatIf(monthlyCost, throughput, c.whatIf.utilisations),
  };
}

/**
 * Everything finance asks of one scenario. Volumes are monthly; costs that
 * compare against alternatives use the accrual view, since the alternatives
 * have no up-front purchase to compare a cash month with.
 */
export function evaluateScenario(input: ScenarioInput): ScenarioReport {
  // Parsing is idempotent (the schema accepts Decimals), so a parsed scenario may be passed again.
  const s = parseScenario(input);
  const o = ownershipFromScenario(s);
  const horizonMonths = s.finance.horizonYears * 12;
  const benefitMonth = benefitPerMonth(s);
  const accrualMonthly = cumulativeCost(o, horizonMonths, "accrual").div(horizonMonths);
  const opexMonth = o.opexPerYear.div(12);

  const inputTokens = s.volume.inputTokensPerMonth;
  const outputTokens = s.volume.outputTokensPerMonth;
  const totalTokens = inputTokens.plus(outputTokens);
  // Capacity is measured in output tokens; input tokens ride along at the scenario's mix.
  const totalPerOutput = outputTokens.isZero() ? dec(1) : totalTokens.div(outputTokens);
  const outputShare = totalTokens.isZero() ? dec(1) : outputTokens.div(totalTokens);
  const inputShare = dec(1).minus(outputShare);

  const capacity = capacityReport(s, accrualMonthly);
  const capacityTotalAtTarget = capacity.outputTokensPerMonthAtTarget.times(totalPerOutput);
  const within = (b: BreakEven) => (b.tokensPerMonth === null ? null : b.tokensPerMonth.lte(capacityTotalAtTarget));

  const peak = peakTokensPerSecond(outputTokens, s.volume.peakToAverage);
  const alternatives: AlternativeReport[] = [
    ...s.alternatives.apis.map((api): AlternativeReport => {
      const cost = priceApiUsage(api, { inputTokens, outputTokens }).total;
      const breakEven = breakEvenApiVolume(accrualMonthly, api, inputShare);
      return {
        kind: "api",
        name: api.name,
        monthlyCost: cost,
        instances: null,
        sized: null,
        savingsPerMonth: savings(cost, accrualMonthly),
        savingsPerYear: savings(cost, accrualMonthly).times(12),
        breakEven,
        breakEvenWithinCapacity: within(breakEven),
      };
    }),
    ...s.alternatives.cloud.map((inst): AlternativeReport => {
      const priced = priceCloudUsage(inst, peak);
      const breakEven = breakEvenCloudVolume(accrualMonthly, inst, s.volume.peakToAverage, outputShare);
      return {
        kind: "cloud",
        name: inst.name,
        monthlyCost: priced.total,
        instances: priced.instances,
        sized: priced.sized,
        savingsPerMonth: savings(priced.total, accrualMonthly),
        savingsPerYear: savings(priced.total, accrualMonthly).times(12),
        breakEven,
        breakEvenWithinCapacity: within(breakEven),
      };
    }),
  ];

  const yearlyFlows = [o.capex.neg(), ...Array.from({ length: s.finance.horizonYears }, () => benefitMonth.times(12).minus(o.opexPerYear))];
  const monthlyFlows = [o.capex.neg(), ...Array.from({ length: horizonMonths }, () => benefitMonth.minus(opexMonth))];
  const monthlyIrr = irr(monthlyFlows);
  const electricity = electricityPerYear(s);

  return {
    name: s.name,
    currency: s.currency,
    horizonYears: s.finance.horizonYears,
    discountRate: s.finance.discountRate,
    capex: priceBom(s.hardware.bom),
    depreciation: [...o.depreciation],
    opex: {
      electricity,
      items: [
        ...s.operating.items.map((i) => ({ name: i.name, perYear: opexItemPerYear(i) })),
        ...(electricity === null ? [] : [{ name: "electricity", perYear: electricity.costPerYear }]),
      ],
      perYear: o.opexPerYear,
      perMonth: opexMonth,
    },
    benefits: {
      items: s.benefits.map((b) => ({ name: b.name, perYear: opexItemPerYear(b) })),
      perMonth: benefitMonth,
      perYear: benefitMonth.times(12),
    },
    monthlyCost: { cash: monthCost(o, 2, "cash"), accrual: accrualMonthly },
    years: roiByYear(o, benefitMonth, s.finance.horizonYears),
    payback: ownershipPayback(o, benefitMonth, horizonMonths),
    npv: {
      yearly: npv(s.finance.discountRate, yearlyFlows),
      monthly: npv(monthlyRateFromAnnual(s.finance.discountRate), monthlyFlows),
    },
    irr: {
      yearly: irr(yearlyFlows),
      monthly: monthlyIrr.rate === null ? monthlyIrr : { ...monthlyIrr, rate: annualRateFromMonthly(monthlyIrr.rate) },
    },
    tokens: { input: inputTokens, output: outputTokens, total: totalTokens },
    costPer1k: {
      actual: costPer1kTokens(accrualMonthly, totalTokens),
      atTarget: costPer1kTokens(accrualMonthly, capacityTotalAtTarget),
      atCapacity: costPer1kTokens(accrualMonthly, capacity.outputTokensPerMonthSaturated.times(totalPerOutput)),
    },
    utilisation: utilisation(outputTokens, capacity.outputTokensPerMonthSaturated),
    alternatives,
    capacity,
    sensitivity: { year: s.finance.sensitivityYear, swing: s.finance.swing, bars: scenarioTornado(s) },
  };
}
