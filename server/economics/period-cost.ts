import { chargeForMonth, chargeForYear, type DepreciationYear } from "./depreciation";
import { dec, ratio, sum, type Decimal, type DecimalInput } from "./money";

/** What owning the cluster costs, reduced to the figures every cost view needs. */
export interface OwnershipCost {
  capex: Decimal;
  depreciation: readonly DepreciationYear[];
  /** All operating items, electricity included. */
  opexPerYear: Decimal;
}

export type CostBasis = "cash" | "accrual";

/**
 * Cost of one 1-based month after purchase. Cash: the hardware is paid in
 * month 1, plus running costs. Accrual: the hardware enters as depreciation.
 * No replacement purchase is modelled after the end of life.
 */
export function monthCost(o: OwnershipCost, month: number, basis: CostBasis): Decimal {
  const opex = o.opexPerYear.div(12);
  if (basis === "accrual") return chargeForMonth(o.depreciation, month).plus(opex);
  return month === 1 ? o.capex.plus(opex) : opex;
}

/** Cost of one 1-based year after purchase. */
export function yearCost(o: OwnershipCost, year: number, basis: CostBasis): Decimal {
  if (basis === "accrual") return chargeForYear(o.depreciation, year).plus(o.opexPerYear);
  return year === 1 ? o.capex.plus(o.opexPerYear) : o.opexPerYear;
}

/**
 * Cumulative cost over the first `months` months. Whole years are summed as
 * years, so a year-end figure carries no trace of twelve divisions by 12.
 */
export function cumulativeCost(o: OwnershipCost, months: number, basis: CostBasis): Decimal {
  const years = Math.floor(months / 12);
  const wholeYears = sum(Array.from({ length: years }, (_, i) => yearCost(o, i + 1, basis)));
  const rest = sum(Array.from({ length: months % 12 }, (_, i) => monthCost(o, years * 12 + i + 1, basis)));
  return wholeYears.plus(rest);
}

/** Period cost / tokens x 1000; null (not Infinity) when no tokens were served. */
export function costPer1kTokens(cost: DecimalInput, tokens: DecimalInput): Decimal | null {
  const r = ratio(cost, tokens);
  return r === null ? null : r.times(1000);
}

/** Served / capacity; null when there is no capacity to measure against. */
export function utilisation(served: DecimalInput, capacity: DecimalInput): Decimal | null {
  return ratio(served, capacity);
}

/** Tokens served in a period, input and output together. */
export function totalTokens(input: DecimalInput, output: DecimalInput): Decimal {
  return dec(input).plus(dec(output));
}

