import { describe, expect, it } from "vitest";
import { straightLine } from "./depreciation";
import { dec } from "./money";
import type { OwnershipCost } from "./period-cost";
import { ownershipPayback, paybackMonths, roi, roiByYear } from "./roi";

describe("roi", () => {
  it.each([
    ["150", "100", "0.5"],
    ["100", "100", "0"],
    ["0", "100", "-1"],
  ])("benefit %s on cost %s = %s", (b, c, expected) => {
    expect(roi(b, c)?.toString()).toBe(expected);
  });
  it("is null when nothing was spent", () => {
    expect(roi(10, 0)).toBeNull();
  });
});

describe("roiByYear", () => {
  // 10,000 hardware over 5 years (2,000/yr), 1,200/yr running, 1,000/month benefit
  const owned: OwnershipCost = { capex: dec(10000), depreciation: straightLine({ cost: 10000, lifetimeYears: 5 }), opexPerYear: dec(1200) };
  const rows = roiByYear(owned, 1000, 2);
  it.each([
    [0, "12000", "11200", "0.0714", "3200", "2.7500"], // (12,000 - 11,200) / 11,200; (12,000 - 3,200) / 3,200
    [1, "24000", "12400", "0.9355", "6400", "2.7500"], // 11,600 / 12,400
  ])("row %d", (i, benefit, cash, cashRoi, accrual, accrualRoi) => {
    const r = rows[i]!;
    expect(r.cumulativeBenefit.toString()).toBe(benefit);
    expect(r.cumulativeCashCost.toFixed(0)).toBe(cash);
    expect(r.cashRoi?.toFixed(4)).toBe(cashRoi);
    expect(r.cumulativeAccrualCost.toFixed(0)).toBe(accrual);
    expect(r.accrualRoi?.toFixed(4)).toBe(accrualRoi);
  });
});

describe("paybackMonths", () => {
  it.each([
    // lumps, flows, expected months
    [["1000"], ["400", "400", "400"], "2.5"], // 800 after 2 months, 200 of the 3rd's 400
    [["1200"], ["400", "400", "400"], "3"], // exactly at the end of month 3
    [["0"], ["5"], "0"], // nothing owed
    [["1000", "0", "500"], ["400", "400", "400", "400"], "3.75"], // -1000, -600, -200 -700(lump) -> -300 +400
  ])("lumps %j, flows %j -> %s", (lumps, flows, expected) => {
    expect(paybackMonths(lumps, flows).months?.toString()).toBe(expected);
  });

  it.each([
    [["1000"], ["100", "100"]], // not within the horizon
    [["1000"], ["-50", "0"]], // losing money
    [["0"], ["-5"]], // no investment but a running loss
  ])("never for lumps %j, flows %j", (lumps, flows) => {
    const p = paybackMonths(lumps, flows);
    expect(p.months).toBeNull();
    expect(p.reason?.en).toMatch(/does not cover/);
  });

  it("ownershipPayback = capex / (benefit - monthly opex)", () => {
    const owned: OwnershipCost = { capex: dec(9000), depreciation: [], opexPerYear: dec(12000) };
    // 9,000 / (2,500 - 1,000) = 6 months
    expect(ownershipPayback(owned, 2500, 12).months?.toString()).toBe("6");
    expect(ownershipPayback(owned, 1000, 120).months).toBeNull();
  });
});
