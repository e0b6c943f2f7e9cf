import { describe, expect, it } from "vitest";
import { allocateCost, PLATFORM_OVERHEAD_ID, weightedTokens } from "./chargeback";
import { sum } from "./money";

const amounts = (lines: ReturnType<typeof allocateCost>) => Object.fromEntries(lines.map((l) => [l.id, l.amount.toFixed(2)]));

describe("weighted tokens", () => {
  it("weighs input and output apart", () => {
    expect(weightedTokens(1000, 200, { input: 1, output: 3 }).toString()).toBe("1600");
  });
});

describe("allocateCost", () => {
  it.each([
    // total, usage, expected
    ["100", { a: 1, b: 1, c: 1 }, { a: "33.34", b: "33.33", c: "33.33" }], // 33.333.. each; the spare cent to the smallest id on a full tie
    ["100", { b: 1, a: 1, c: 1 }, { a: "33.34", b: "33.33", c: "33.33" }], // order of input does not matter
    ["10", { a: 2, b: 1 }, { a: "6.67", b: "3.33" }], // 6.666.. / 3.333..: largest remainder to a
    ["0.01", { a: 1, b: 1, c: 1 }, { a: "0.01", b: "0.00", c: "0.00" }],
    ["2483.7333333", { x: 3, y: 7 }, { x: "745.12", y: "1738.61" }], // total rounds to 2,483.73; 745.119 / 1,738.611
    ["0", { a: 5, b: 5 }, { a: "0.00", b: "0.00" }],
    ["-100", { a: 1, b: 1, c: 1 }, { a: "-33.34", b: "-33.33", c: "-33.33" }], // a credit rounds symmetrically
  ])("%s over %j", (total, usage, expected) => {
    const lines = allocateCost({ total, usage: Object.entries(usage).map(([id, units]) => ({ id, units })), idle: "spread" });
    expect(amounts(lines)).toEqual(expected);
  });

  it("breaks a full tie by id", () => {
    // 0.05 over units 1 and 1: 0.025 each, equal fractions and equal units -> the cent to the smaller id
    expect(amounts(allocateCost({ total: "0.05", usage: [{ id: "b", units: 1 }, { id: "a", units: 1 }], idle: "spread" }))).toEqual({ a: "0.03", b: "0.02" });
  });

  it("breaks a tie on the dropped fraction in favour of the larger user", () => {
    // 0.10 over units 1, 2, 1 (of 4): exact 0.025, 0.05, 0.025 -> floors 2, 5, 2 cents; one cent left,
    // a and c tie on the fraction .5; their units tie too -> a. Now units 1 and 3 of 0.02 + ...:
    // 0.06 over 1 and 3 (of 4): 0.015 and 0.045 -> floors 1 and 4; tie on .5 -> the larger user b.
    expect(amounts(allocateCost({ total: "0.06", usage: [{ id: "a", units: 1 }, { id: "b", units: 3 }], idle: "spread" }))).toEqual({ a: "0.01", b: "0.05" });
  });

  it("keeps idle capacity on a platform-overhead line when finance says so", () => {
    // capacity 1,000 units, 600 used: 40 % idle
    const lines = allocateCost({
      total: "1000",
      usage: [
        { id: "sales", units: 400 },
        { id: "ops", units: 200 },
      ],
      capacityUnits: 1000,
      idle: "overhead",
    });
    expect(amounts(lines)).toEqual({ sales: "400.00", ops: "200.00", [PLATFORM_OVERHEAD_ID]: "400.00" });
    expect(lines.find((l) => l.id === PLATFORM_OVERHEAD_ID)?.overhead).toBe(true);
  });

  it("spreads idle capacity in proportion when finance says so", () => {
    const lines = allocateCost({ total: "1000", usage: [{ id: "sales", units: 400 }, { id: "ops", units: 200 }], capacityUnits: 1000, idle: "spread" });
    expect(amounts(lines)).toEqual({ sales: "666.67", ops: "333.33" });
  });

  it("puts everything on the overhead line when nobody used the cluster", () => {
    const lines = allocateCost({ total: "500", usage: [{ id: "a", units: 0 }], capacityUnits: 10, idle: "spread" });
    expect(amounts(lines)).toEqual({ a: "0.00", [PLATFORM_OVERHEAD_ID]: "500.00" });
  });

  it("no overhead line when usage exceeds the stated capacity", () => {
    const lines = allocateCost({ total: "90", usage: [{ id: "a", units: 20 }, { id: "b", units: 10 }], capacityUnits: 25, idle: "overhead" });
    expect(amounts(lines)).toEqual({ a: "60.00", b: "30.00" });
  });

  it("sums exactly to the total for awkward splits", () => {
    // 97 departments with usage 1..97 sharing 12,345.67: every split is inexact
    const usage = Array.from({ length: 97 }, (_, i) => ({ id: `d${String(i).padStart(2, "0")}`, units: i + 1 }));
    const lines = allocateCost({ total: "12345.67", usage, capacityUnits: 10000, idle: "overhead" });
    expect(sum(lines.map((l) => l.amount)).toFixed(2)).toBe("12345.67");
    for (const l of lines) expect(l.amount.decimalPlaces()).toBeLessThanOrEqual(2);
    // no line strays more than a cent from its exact share
    for (const l of lines) expect(l.amount.minus(l.exact).abs().lt("0.01")).toBe(true);
  });

  it.each([
    [[{ id: "a", units: 1 }, { id: "a", units: 2 }], /duplicate/],
    [[{ id: PLATFORM_OVERHEAD_ID, units: 1 }], /reserved/],
    [[{ id: "a", units: -1 }], /negative/],
  ])("refuses %j", (usage, message) => {
    expect(() => allocateCost({ total: 1, usage, idle: "spread" })).toThrow(message);
  });
});
