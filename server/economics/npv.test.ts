import { describe, expect, it } from "vitest";
import { dec } from "./money";
import { annualRateFromMonthly, IRR_TOLERANCE, irr, monthlyRateFromAnnual, npv } from "./npv";

describe("npv", () => {
  it.each([
    ["0.1", ["-100", "110"], "0.0000"], // 110 / 1.1 = 100
    ["0.1", ["-100", "60", "60"], "4.1322"], // 60/1.1 + 60/1.21 - 100 = 54.5455 + 49.5868 - 100
    ["0", ["-5", "2", "2"], "-1.0000"],
    ["0.05", [], "0.0000"],
  ])("at %s of %j = %s", (rate, flows, expected) => {
    expect(npv(rate, flows).toFixed(4)).toBe(expected);
  });
});

describe("rates", () => {
  it("monthly and annual rates compound into each other", () => {
    const m = monthlyRateFromAnnual("0.08");
    expect(dec(1).plus(m).pow(12).toFixed(12)).toBe("1.080000000000");
    expect(annualRateFromMonthly(m).toFixed(12)).toBe("0.080000000000");
  });
});

describe("irr", () => {
  it.each([
    [["-100", "110"], "0.1"],
    [["-100", "60", "60"], "0.130662"], // root of 60x + 60x^2 = 100, x = 1/(1+r): r = 13.0662 %
    [["-1000", "0", "0", "1331"], "0.1"], // 1.1^3 = 1.331
    [["-100", "100"], "0"],
  ])("of %j is %s", (flows, expected) => {
    const r = irr(flows);
    expect(r.rate).not.toBeNull();
    expect(r.rate!.minus(expected).abs().lt("0.000001")).toBe(true);
    // and it actually zeroes the NPV
    expect(npv(r.rate!, flows).abs().lt("0.000001")).toBe(true);
  });

  it("converges within the documented tolerance", () => {
    const r = irr(["-100", "110"]);
    expect(r.rate!.minus("0.1").abs().lte(IRR_TOLERANCE)).toBe(true);
  });

  it.each([
    [["-100", "-5"], /no inflow/],
    [["100", "5"], /no outflow/],
    [["0", "0"], /no inflow/],
  ])("is none for %j", (flows, reason) => {
    const r = irr(flows);
    expect(r.rate).toBeNull();
    expect(r.reason?.en).toMatch(reason);
  });
});
