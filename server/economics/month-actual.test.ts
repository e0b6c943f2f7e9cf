import { describe, expect, it } from "vitest";
import { ARTICLE_SCENARIO } from "./article-scenario";
import { actualMonthCost, monthOfLife } from "./month-actual";
import { dec } from "./money";
import { monthCost } from "./period-cost";
import { parseScenario } from "./scenario";
import { ownershipFromScenario } from "./scenario-model";

const s = parseScenario(ARTICLE_SCENARIO);

describe("actualMonthCost", () => {
  it("equals the engine's accrual month with assumed power", () => {
    const c = actualMonthCost({ scenario: s, monthOfLife: 3 });
    expect(c.total.eq(monthCost(ownershipFromScenario(s), 3, "accrual"))).toBe(true);
    expect(c.depreciation.toString()).toBe("1050");
    expect(c.operating.toString()).toBe("1083.333333333333333333333333333333333333");
    // 4,204.80 a year.
    expect(c.electricity.times(12).toDecimalPlaces(6).toString()).toBe("4204.8");
    expect(c.electricitySource).toBe("assumed");
  });

  it("prices measured energy at the tariff and PUE", () => {
    const c = actualMonthCost({ scenario: s, monthOfLife: 1, measuredKwh: "100" });
    expect(c.electricity.toString()).toBe("120");
    expect(c.kwh?.toString()).toBe("100");
    expect(c.electricitySource).toBe("measured");
  });

  it("scales fixed costs by the fraction of the month and drops depreciation before service", () => {
    const half = actualMonthCost({ scenario: s, monthOfLife: 2, fraction: "0.5" });
    const full = actualMonthCost({ scenario: s, monthOfLife: 2 });
    expect(half.total.times(2).toDecimalPlaces(20).eq(full.total.toDecimalPlaces(20))).toBe(true);
    expect(actualMonthCost({ scenario: s, monthOfLife: 0 }).depreciation.isZero()).toBe(true);
    // Past the 5-year life nothing is depreciated.
    expect(actualMonthCost({ scenario: s, monthOfLife: 61 }).depreciation.isZero()).toBe(true);
    expect(dec(actualMonthCost({ scenario: s, monthOfLife: 60 }).depreciation).toString()).toBe("1050");
  });

  it("counts months of life across years", () => {
    expect(monthOfLife("2026-09", "2026-09")).toBe(1);
    expect(monthOfLife("2026-09", "2027-01")).toBe(5);
    expect(monthOfLife("2026-09", "2026-08")).toBe(0);
  });
});
