import { describe, expect, it } from "vitest";
import {
  instanceMonthlyCost,
  instancesNeeded,
  peakTokensPerSecond,
  priceApiUsage,
  priceCloudUsage,
  savings,
  savingsRate,
  tieredCost,
  type ApiPrice,
  type PriceTier,
} from "./alternatives";

// Graduated: first 1M at 4 per 1M, next 9M at 2, beyond 10M at 1
const tiers: PriceTier[] = [
  { upTo: "1000000", price: "4" },
  { upTo: "10000000", price: "2" },
  { upTo: null, price: "1" },
];

describe("tiered cost", () => {
  it.each([
    ["0", "0.00"],
    ["500000", "2.00"], // 0.5M x 4
    ["1000000", "4.00"], // boundary: all in tier 1
    ["1000001", "4.000002"], // one token into tier 2 at 2 per 1M
    ["10000000", "22.00"], // 4 + 9 x 2
    ["12000000", "24.00"], // 22 + 2 x 1
  ])("%s tokens cost %s", (tokens, expected) => {
    const cost = tieredCost(tokens, tiers, "1M");
    expect(cost.toFixed(expected.split(".")[1]?.length ?? 0)).toBe(expected);
  });

  it("continues a bounded last tier's price beyond its bound", () => {
    expect(tieredCost("3000", [{ upTo: "1000", price: "0.5" }], "1K").toFixed(2)).toBe("1.50");
  });

  it.each([
    [[], /at least one/],
    [[{ upTo: null, price: 1 }, { upTo: 5, price: 1 }], /last tier/],
    [[{ upTo: 5, price: 1 }, { upTo: 5, price: 1 }], /increase/],
  ] as [PriceTier[], RegExp][])("refuses malformed tiers %j", (bad, message) => {
    expect(() => tieredCost(1, bad, "1K")).toThrow(message);
  });
});

describe("API usage", () => {
  const api: ApiPrice = {
    name: "x",
    unit: "1M",
    input: [{ upTo: null, price: "2" }],
    output: [{ upTo: null, price: "8" }],
  };
  it("prices input and output apart", () => {
    const c = priceApiUsage(api, { inputTokens: "3000000", outputTokens: "500000" });
    expect(c.input.toFixed(2)).toBe("6.00"); // 3 x 2
    expect(c.output.toFixed(2)).toBe("4.00"); // 0.5 x 8
    expect(c.total.toFixed(2)).toBe("10.00");
  });
});

describe("cloud instances", () => {
  it.each([
    [{ name: "h", price: "10", per: "hour" as const }, "7300.00"], // 10 x 8,760 / 12
    [{ name: "h", price: "10", per: "hour" as const, hoursPerMonth: "200" }, "2000.00"],
    [{ name: "m", price: "999.99", per: "month" as const }, "999.99"],
    [{ name: "y", price: "15000", per: "year" as const }, "1250.00"],
  ])("%j costs %s a month", (inst, expected) => {
    expect(instanceMonthlyCost(inst).toFixed(2)).toBe(expected);
  });

  it.each([
    ["0", 0, true],
    ["999", 1, true],
    ["1000", 1, true], // exactly one instance's throughput
    ["1000.5", 2, true],
    ["4500", 5, true],
  ])("peak %s tok/s needs %d instances of 1,000 tok/s", (peak, count, sized) => {
    expect(instancesNeeded({ name: "c", price: 1, per: "month", outputTokensPerSecond: 1000 }, peak)).toEqual({ count, sized });
  });

  it("assumes one instance when its throughput is unknown, and says so", () => {
    const c = priceCloudUsage({ name: "GN7i", price: "15000", per: "year" }, "12345");
    expect(c).toMatchObject({ instances: 1, sized: false });
    expect(c.total.toFixed(2)).toBe("1250.00");
  });

  it("derives the peak from the monthly volume", () => {
    // 2,628,000 tokens/month = 1 tok/s on average over 730 h; x3 peak factor
    expect(peakTokensPerSecond("2628000", "3").toString()).toBe("3");
  });
});

describe("savings", () => {
  it("is alternative minus actual, negative when self-hosting is dearer", () => {
    expect(savings("1250", "2483.7333").toFixed(4)).toBe("-1233.7333");
    expect(savingsRate("1000", "750")?.toString()).toBe("0.25");
    expect(savingsRate("0", "750")).toBeNull();
  });
});
