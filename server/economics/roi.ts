import { dec, ratio, ZERO, type Decimal, type DecimalInput, type Localised } from "./money";
import { cumulativeCost, type OwnershipCost } from "./period-cost";

/** ROI = (cumulative benefit - cumulative cost) / cumulative cost; null when nothing was spent. */
export function roi(cumulativeBenefit: DecimalInput, cumulativeCost: DecimalInput): Decimal | null {
  return ratio(dec(cumulativeBenefit).minus(dec(cumulativeCost)), cumulativeCost);
}

export interface RoiYear {
  year: number;
  cumulativeBenefit: Decimal;
  /** Hardware when bought + n years of opex: the article's definition. */
  cumulativeCashCost: Decimal;
  cashRoi: Decimal | null;
  /** Depreciation to date + n years of opex. */
  cumulativeAccrualCost: Decimal;
  accrualRoi: Decimal | null;
}

export function roiByYear(o: OwnershipCost, benefitPerMonth: DecimalInput, years: number): RoiYear[] {
  const benefit = dec(benefitPerMonth);
  return Array.from({ length: years }, (_, i) => {
    const year = i + 1;
    const cumulativeBenefit = benefit.times(12 * year);
    const cumulativeCashCost = cumulativeCost(o, 12 * year, "cash");
    const cumulativeAccrualCost = cumulativeCost(o, 12 * year, "accrual");
    return {
      year,
      cumulativeBenefit,
      cumulativeCashCost,
      cashRoi: roi(cumulativeBenefit, cumulativeCashCost),
      cumulativeAccrualCost,
      accrualRoi: roi(cumulativeBenefit, cumulativeAccrualCost),
    };
  });
}

export type Payback =
  | { months: Decimal; reason?: undefined }
  | { months: null; reason: Localised };

/**
 * Months until cumulative net cash turns non-negative, interpolated within
 * the month it happens. Each month may carry a lump paid at its start
 * (hardware; an opex bill paid yearly in advance) and a flow earned evenly
 * through it (benefit - running cost). Months are 1-based in the arrays'
 * order; a payback of 6.5 means half-way through month 7.
 */
export function paybackMonths(lumpsAtStart: readonly DecimalInput[], flowsDuring: readonly DecimalInput[]): Payback {
  const months = Math.max(lumpsAtStart.length, flowsDuring.length);
  let cumulative = ZERO;
  let everNegative = false;
  for (let m = 0; m < months; m++) {
    cumulative = cumulative.minus(dec(lumpsAtStart[m] ?? 0));
    if (cumulative.lt(0)) everNegative = true;
    const flow = dec(flowsDuring[m] ?? 0);
    const after = cumulative.plus(flow);
    // after >= 0 > cumulative implies flow > 0, so the division is safe.
    if (cumulative.lt(0) && after.gte(0)) return { months: dec(m).plus(cumulative.neg().div(flow)) };
    if (after.lt(0)) everNegative = true;
    cumulative = after;
  }
  // Nothing was ever owed: there is nothing to pay back.
  if (!everNegative) return { months: ZERO };
  return {
    months: null,
    reason: {
      en: `cumulative benefit does not cover cumulative cost within ${months} months`,
      zh: `${months} 个月内累计收益未能覆盖累计成本`,
    },
  };
}

/** Payback of owning the cluster: hardware in month 1, benefit and opex evenly each month. */
export function ownershipPayback(o: OwnershipCost, benefitPerMonth: DecimalInput, horizonMonths: number): Payback {
  const net = dec(benefitPerMonth).minus(o.opexPerYear.div(12));
  return paybackMonths(
    [o.capex],
    Array.from({ length: horizonMonths }, () => net),
  );
}
