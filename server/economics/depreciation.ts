import { dec, maxOf, minOf, ZERO, type Decimal, type DecimalInput } from "./money";

export interface DepreciationYear {
  year: number;
  opening: Decimal;
  charge: Decimal;
  closing: Decimal;
}

export type DepreciationMethod =
  | { method: "straight-line" }
  /**
   * rate omitted = double-declining (2 / lifetime). With switchToStraightLine
   * the charge becomes the straight line over the remaining years as soon as
   * that is larger, so the book value lands exactly on salvage at end of life;
   * without it the asset keeps a residual above salvage, as pure declining
   * balance does.
   */
  | { method: "declining-balance"; rate?: DecimalInput; switchToStraightLine?: boolean };

export interface DepreciationInput {
  cost: DecimalInput;
  salvage?: DecimalInput;
  lifetimeYears: number;
}

function checkLifetime(lifetimeYears: number): void {
  if (!Number.isInteger(lifetimeYears) || lifetimeYears < 1) {
    throw new Error(`lifetime must be a whole number of years >= 1, got ${lifetimeYears}`);
  }
}

export function straightLine(input: DepreciationInput): DepreciationYear[] {
  checkLifetime(input.lifetimeYears);
  const cost = dec(input.cost);
  const salvage = dec(input.salvage ?? 0);
  const charge = cost.minus(salvage).div(input.lifetimeYears);
  const rows: DepreciationYear[] = [];
  let opening = cost;
  for (let year = 1; year <= input.lifetimeYears; year++) {
    // The last year takes whatever is left so the schedule ends exactly on salvage.
    const c = year === input.lifetimeYears ? opening.minus(salvage) : charge;
    rows.push({ year, opening, charge: c, closing: opening.minus(c) });
    opening = opening.minus(c);
  }
  return rows;
}

export function decliningBalance(
  input: DepreciationInput & { rate?: DecimalInput; switchToStraightLine?: boolean },
): DepreciationYear[] {
  checkLifetime(input.lifetimeYears);
  const cost = dec(input.cost);
  const salvage = dec(input.salvage ?? 0);
  const rate = input.rate === undefined ? dec(2).div(input.lifetimeYears) : dec(input.rate);
  if (rate.lte(0) || rate.gt(1)) throw new Error(`declining-balance rate must be in (0, 1], got ${rate.toString()}`);
  const switchToSl = input.switchToStraightLine ?? true;
  const rows: DepreciationYear[] = [];
  let opening = cost;
  for (let year = 1; year <= input.lifetimeYears; year++) {
    const remaining = input.lifetimeYears - year + 1;
    const depreciable = maxOf(opening.minus(salvage), ZERO);
    let charge = opening.times(rate);
    if (switchToSl) charge = maxOf(charge, depreciable.div(remaining));
    charge = minOf(charge, depreciable);
    rows.push({ year, opening, charge, closing: opening.minus(charge) });
    opening = opening.minus(charge);
  }
  return rows;
}

export function depreciationSchedule(input: DepreciationInput, method: DepreciationMethod): DepreciationYear[] {
  return method.method === "straight-line"
    ? straightLine(input)
    : decliningBalance({ ...input, rate: method.rate, switchToStraightLine: method.switchToStraightLine });
}

/** Depreciation charged in a (1-based) year; nothing after the end of life. */
export function chargeForYear(schedule: readonly DepreciationYear[], year: number): Decimal {
  return schedule.find((r) => r.year === year)?.charge ?? ZERO;
}

/** Monthly accrual: each year's charge spread evenly over its 12 months (month is 1-based). */
export function chargeForMonth(schedule: readonly DepreciationYear[], month: number): Decimal {
  return chargeForYear(schedule, Math.ceil(month / 12)).div(12);
}
