import { describe, expect, it } from "vitest";
import { bomLineAmount, priceBom } from "./capex";
import { chargeForMonth, chargeForYear, decliningBalance, depreciationSchedule, straightLine } from "./depreciation";

describe("bill of materials", () => {
  it.each([
    [{ component: "GPU", unitPrice: "13500", quantity: "4" }, "54000"],
    [{ component: "board", subtotal: "3000" }, "3000"],
    [{ component: "SSD", unitPrice: "800" }, "800"],
    [{ component: "discounted", unitPrice: "100", quantity: 3, subtotal: "280" }, "280"],
  ])("line %j costs %s", (line, expected) => {
    expect(bomLineAmount(line).toString()).toBe(expected);
  });

  it("refuses a line with no price", () => {
    expect(() => bomLineAmount({ component: "mystery" })).toThrow(/neither/);
  });

  it("totals the lines", () => {
    const { total, lines } = priceBom([
      { component: "a", unitPrice: "10.10", quantity: 3 },
      { component: "b", subtotal: "0.70" },
    ]);
    expect(lines).toHaveLength(2);
    expect(total.toFixed(2)).toBe("31.00"); // 30.30 + 0.70
  });
});

describe("straight line", () => {
  it("spreads cost - salvage evenly and ends on salvage", () => {
    const rows = straightLine({ cost: 10000, salvage: 1000, lifetimeYears: 3 });
    expect(rows.map((r) => r.charge.toFixed(2))).toEqual(["3000.00", "3000.00", "3000.00"]);
    expect(rows[2]?.closing.toFixed(2)).toBe("1000.00");
  });

  it("absorbs the non-terminating thirds in the last year", () => {
    const rows = straightLine({ cost: 100, lifetimeYears: 3 });
    const total = rows.reduce((acc, r) => acc.plus(r.charge), rows[0]!.charge.minus(rows[0]!.charge));
    expect(total.toString()).toBe("100");
    expect(rows[2]?.closing.isZero()).toBe(true);
  });

  it("charges a twelfth a month and nothing after the lifetime", () => {
    const rows = straightLine({ cost: 63000, lifetimeYears: 5 });
    expect(chargeForYear(rows, 1).toFixed(2)).toBe("12600.00"); // 63,000 / 5
    expect(chargeForMonth(rows, 12).toFixed(2)).toBe("1050.00"); // 12,600 / 12
    expect(chargeForYear(rows, 6).isZero()).toBe(true);
    expect(chargeForMonth(rows, 61).isZero()).toBe(true);
  });

  it.each([0, 1.5, -2])("refuses lifetime %d", (lifetimeYears) => {
    expect(() => straightLine({ cost: 1, lifetimeYears })).toThrow(/lifetime/);
  });
});

describe("declining balance", () => {
  it("double-declining over 5 years switches to straight line and ends on salvage", () => {
    // rate 2/5 = 40 %: 10,000 -> 4,000, 2,400, 1,440; then SL on 2,160 - 0 over 2 years = 1,080, 1,080
    const rows = decliningBalance({ cost: 10000, lifetimeYears: 5 });
    expect(rows.map((r) => r.charge.toFixed(2))).toEqual(["4000.00", "2400.00", "1440.00", "1080.00", "1080.00"]);
    expect(rows[4]?.closing.toFixed(2)).toBe("0.00");
  });

  it("without the switch keeps a residual above salvage", () => {
    // 1,000 at 50 %: 500, 250, 125 -> 125 left
    const rows = decliningBalance({ cost: 1000, lifetimeYears: 3, rate: "0.5", switchToStraightLine: false });
    expect(rows.map((r) => r.charge.toFixed(2))).toEqual(["500.00", "250.00", "125.00"]);
    expect(rows[2]?.closing.toFixed(2)).toBe("125.00");
  });

  it("never depreciates below salvage", () => {
    // 1,000 at 90 %, salvage 200: 900 would cross salvage -> capped at 800
    const rows = decliningBalance({ cost: 1000, salvage: 200, lifetimeYears: 2, rate: "0.9", switchToStraightLine: false });
    expect(rows.map((r) => r.charge.toFixed(2))).toEqual(["800.00", "0.00"]);
  });

  it("dispatches by method", () => {
    const input = { cost: 1200, lifetimeYears: 2 };
    expect(chargeForYear(depreciationSchedule(input, { method: "straight-line" }), 1).toString()).toBe("600");
    // double declining at 2/2 = 100 %: everything in year 1
    expect(chargeForYear(depreciationSchedule(input, { method: "declining-balance" }), 1).toString()).toBe("1200");
  });

  it("refuses rates outside (0, 1]", () => {
    expect(() => decliningBalance({ cost: 1, lifetimeYears: 2, rate: "1.5" })).toThrow(/rate/);
  });
});
