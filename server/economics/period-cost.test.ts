import { describe, expect, it } from "vitest";
import { straightLine } from "./depreciation";
import { dec } from "./money";
import { costPer1kTokens, cumulativeCost, monthCost, utilisation, yearCost, type OwnershipCost } from "./period-cost";

// 12,000 of hardware over 2 years (500 a month), 2,400 a year of running costs (200 a month)
const owned: OwnershipCost = {
  capex: dec(12000),
  depreciation: straightLine({ cost: 12000, lifetimeYears: 2 }),
  opexPerYear: dec(2400),
};

describe("period cost", () => {
  it.each([
    [1, "cash", "12200.00"], // hardware paid + 200
    [2, "cash", "200.00"],
    [1, "accrual", "700.00"], // 500 + 200
    [24, "accrual", "700.00"],
    [25, "accrual", "200.00"], // fully depreciated
  ] as const)("month %d on %s basis costs %s", (month, basis, expected) => {
    expect(monthCost(owned, month, basis).toFixed(2)).toBe(expected);
  });

  it.each([
    [1, "cash", "14400.00"],
    [2, "cash", "2400.00"],
    [1, "accrual", "8400.00"], // 6,000 + 2,400
    [3, "accrual", "2400.00"],
  ] as const)("year %d on %s basis costs %s", (year, basis, expected) => {
    expect(yearCost(owned, year, basis).toFixed(2)).toBe(expected);
  });

  it("cumulates months: both bases agree once the hardware is fully depreciated", () => {
    expect(cumulativeCost(owned, 24, "cash").toFixed(2)).toBe("16800.00"); // 12,000 + 24 x 200
    expect(cumulativeCost(owned, 24, "accrual").toFixed(2)).toBe("16800.00");
    expect(cumulativeCost(owned, 12, "accrual").toFixed(2)).toBe("8400.00");
  });
});

describe("cost per 1K tokens and utilisation", () => {
  it.each([
    ["2483.7333", "1000000", "2.4837"], // 2,483.7333 / 1,000 thousands
    ["100", "50000", "2.0000"],
    ["0", "50000", "0.0000"],
  ])("%s over %s tokens = %s per 1K", (cost, tokens, expected) => {
    expect(costPer1kTokens(cost, tokens)?.toFixed(4)).toBe(expected);
  });

  it("is null, not Infinity, for zero tokens", () => {
    expect(costPer1kTokens(100, 0)).toBeNull();
    expect(utilisation(10, 0)).toBeNull();
  });

  it("utilisation = served / capacity", () => {
    expect(utilisation(300, 1200)?.toString()).toBe("0.25");
  });
});

describe("cumulative cost across a partial year", () => {
  it("adds whole years exactly and the remaining months as twelfths", () => {
    // 14 months cash: 12,000 + 2,400 (year 1) + 2 x 200
    expect(cumulativeCost(owned, 14, "cash").toString()).toBe("14800");
    // year-end accrual figures stay exact: 6,000 + 2,400
    expect(cumulativeCost(owned, 12, "accrual").toString()).toBe("8400");
    expect(cumulativeCost(owned, 0, "cash").isZero()).toBe(true);
  });
});
