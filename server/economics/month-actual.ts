import { chargeForMonth } from "./depreciation";
import { electricityCost } from "./energy";
import { dec, ONE, sum, ZERO, type Decimal, type DecimalInput } from "./money";
import { opexItemPerYear } from "./opex";
import type { Scenario } from "./scenario";
import { electricityPerYear, ownershipFromScenario } from "./scenario-model";

export interface ActualMonthInput {
  /** A parsed scenario (the cost model version in effect for the month). */
  scenario: Scenario;
  /** 1-based month since the hardware went into service; 0 or less: not yet in service, no depreciation. */
  monthOfLife: number;
  /** Share of the month costed (the current month: elapsed time / month length). Default 1. */
  fraction?: DecimalInput;
  /** IT energy measured over the same part of the month (kWh); null/undefined: assumed power. */
  measuredKwh?: DecimalInput | null;
}

export interface ActualMonthCost {
  depreciation: Decimal;
  /** Operating items other than electricity. */
  operating: Decimal;
  electricity: Decimal;
  electricitySource: "measured" | "assumed" | "none";
  /** kWh the electricity line was priced on (before PUE). */
  kwh: Decimal | null;
  total: Decimal;
}

/**
 * The cluster's accrual cost of one calendar month (or the part of it given
 * by `fraction`): a twelfth of the year's depreciation charge for that month
 * of life, a twelfth of each yearly operating item, and electricity either
 * measured (kWh x tariff x PUE) or assumed (a twelfth of the assumed year).
 * With assumed power and fraction 1 this is exactly `monthCost(o, m, "accrual")`.
 */
export function actualMonthCost(input: ActualMonthInput): ActualMonthCost {
  const s = input.scenario;
  const f = dec(input.fraction ?? ONE);
  const o = ownershipFromScenario(s);
  const depreciation = input.monthOfLife >= 1 ? chargeForMonth(o.depreciation, input.monthOfLife).times(f) : ZERO;
  const operating = sum(s.operating.items.map(opexItemPerYear)).div(12).times(f);
  const e = s.operating.electricity;
  let electricity = ZERO;
  let kwh: Decimal | null = null;
  let electricitySource: ActualMonthCost["electricitySource"] = "none";
  if (e !== undefined && input.measuredKwh !== undefined && input.measuredKwh !== null) {
    kwh = dec(input.measuredKwh);
    electricity = electricityCost(kwh, e.tariffPerKwh, e.pue);
    electricitySource = "measured";
  } else if (e !== undefined) {
    const year = electricityPerYear(s)!;
    kwh = year.kwhPerYear.div(12).times(f);
    electricity = year.costPerYear.div(12).times(f);
    electricitySource = "assumed";
  }
  return { depreciation, operating, electricity, electricitySource, kwh, total: depreciation.plus(operating).plus(electricity) };
}

/** Whole calendar months from `start` (YYYY-MM) to `month` (YYYY-MM), plus one: the start month is month 1. */
export function monthOfLife(start: string, month: string): number {
  const [sy, sm] = start.split("-").map(Number) as [number, number];
  const [y, m] = month.split("-").map(Number) as [number, number];
  return (y - sy) * 12 + (m - sm) + 1;
}
