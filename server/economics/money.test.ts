import DecimalJs from "decimal.js";
import { describe, expect, it } from "vitest";
import { dec, formatMoney, formatNumber, formatPercent, MoneyInputError, ratio, roundMoney, sum } from "./money";

describe("dec", () => {
  it.each([
    ["63000", "63000"],
    ["63,000", "63000"],
    [" 1_200.50 ", "1200.5"],
    [0.1, "0.1"],
    [1e-7, "1e-7"],
    ["7.61e9", "7610000000"],
    [new DecimalJs("2.5"), "2.5"],
  ])("parses %j as %s", (input, expected) => {
    expect(dec(input).eq(new DecimalJs(expected))).toBe(true);
  });

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], ["abc"], [""], ["1.2.3"], ["Infinity"], [new DecimalJs(Number.NaN)]])(
    "refuses %j",
    (input) => {
      expect(() => dec(input)).toThrow(MoneyInputError);
    },
  );

  it("adds without float error: 0.1 + 0.2 = 0.3", () => {
    expect(sum([0.1, 0.2]).toString()).toBe("0.3");
  });

  it("re-wraps a foreign Decimal so it computes at the engine's precision", () => {
    const foreign = new (DecimalJs.clone({ precision: 5 }))(1);
    expect(dec(foreign).div(3).toString().length).toBeGreaterThan(30);
  });
});

describe("ratio", () => {
  it("is null for a zero denominator, not Infinity", () => {
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(1, 4)?.toString()).toBe("0.25");
  });
});

describe("roundMoney / formatMoney", () => {
  it.each([
    ["2.345", "2.35"],
    ["2.355", "2.36"],
    ["-2.345", "-2.35"],
    ["4204.8", "4204.80"],
    ["0.004", "0.00"],
  ])("rounds %s half-up to %s", (input, expected) => {
    expect(roundMoney(input).toFixed(2)).toBe(expected);
  });

  it.each([
    ["63000", {}, "¥63,000.00"],
    ["-1233.7333", {}, "-¥1,233.73"],
    ["1234567.891", { symbol: false }, "1,234,567.89"],
    ["12.5", { currency: "USD" }, "$12.50"],
    ["12.5", { currency: "JPY" }, "JPY 12.50"],
    ["-0.001", {}, "¥0.00"],
  ])("formats %s with %j as %s", (input, options, expected) => {
    expect(formatMoney(input, options)).toBe(expected);
  });

  it("formats numbers and percentages", () => {
    expect(formatNumber("124186666.666", 0)).toBe("124,186,667");
    expect(formatPercent(dec(51800).div(80200), 1)).toBe("64.6%");
  });
});
