import { dec, ONE, ZERO, type Decimal, type DecimalInput, type Localised } from "./money";

/** flows[t] happens at the end of period t (flows[0] = now, undiscounted). */
export function npv(ratePerPeriod: DecimalInput, flows: readonly DecimalInput[]): Decimal {
  const factor = ONE.plus(dec(ratePerPeriod));
  let total = ZERO;
  let discount = ONE;
  for (const f of flows) {
    total = total.plus(dec(f).div(discount));
    discount = discount.times(factor);
  }
  return total;
}

/** The monthly rate that compounds to the annual one: (1 + a)^(1/12) - 1. */
export function monthlyRateFromAnnual(annual: DecimalInput): Decimal {
  return ONE.plus(dec(annual)).pow(dec(1).div(12)).minus(1);
}

export function annualRateFromMonthly(monthly: DecimalInput): Decimal {
  return ONE.plus(dec(monthly)).pow(12).minus(1);
}

export type Irr =
  | { rate: Decimal; iterations: number; reason?: undefined }
  | { rate: null; iterations: number; reason: Localised };

/** Bisection stops when the bracket is narrower than this (a rate, per period). */
export const IRR_TOLERANCE = dec("1e-12");
const IRR_MAX_ITERATIONS = 200;

/**
 * The rate per period at which NPV = 0, by bisection between -99.99 % and
 * +10,000 % per period. Bisection rather than Newton: it cannot diverge, and
 * 200 halvings of that bracket reach the 1e-12 tolerance with room to spare
 * (the bracket shrinks below 1e-12 after 47). Conventional flows (cost
 * first, returns after) have one sign change and so one IRR; flows with no
 * sign change have none, and we say why rather than return a number.
 */
export function irr(flows: readonly DecimalInput[]): Irr {
  const values = flows.map((f) => dec(f));
  const hasPositive = values.some((v) => v.gt(0));
  const hasNegative = values.some((v) => v.lt(0));
  if (!hasPositive || !hasNegative) {
    return {
      rate: null,
      iterations: 0,
      reason: hasPositive
        ? { en: "no outflow: every cash flow is positive, so no rate makes NPV zero", zh: "没有现金流出：所有现金流均为正，不存在使净现值为零的折现率" }
        : { en: "no inflow: the investment never returns cash, so there is no IRR", zh: "没有现金流入：投资从未回收现金，不存在内部收益率" },
    };
  }
  let lo = dec("-0.9999");
  let hi = dec(100);
  let npvLo = npv(lo, values);
  const npvHi = npv(hi, values);
  if (npvLo.isZero()) return { rate: lo, iterations: 0 };
  if (npvLo.s === npvHi.s) {
    return {
      rate: null,
      iterations: 0,
      reason: { en: "NPV does not change sign between -99.99 % and +10,000 % per period", zh: "在每期 -99.99% 至 +10000% 之间净现值不变号" },
    };
  }
  let iterations = 0;
  while (hi.minus(lo).gt(IRR_TOLERANCE) && iterations < IRR_MAX_ITERATIONS) {
    iterations++;
    const mid = lo.plus(hi).div(2);
    const npvMid = npv(mid, values);
    if (npvMid.isZero()) return { rate: mid, iterations };
    if (npvMid.s === npvLo.s) {
      lo = mid;
      npvLo = npvMid;
    } else {
      hi = mid;
    }
  }
  return { rate: lo.plus(hi).div(2), iterations };
}
