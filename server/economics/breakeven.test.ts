import { describe, expect, it } from "vitest";
import type { ApiPrice } from "./alternatives";
import { breakEvenApiVolume, breakEvenCloudVolume } from "./breakeven";
import { priceApiUsage } from "./alternatives";
import { dec } from "./money";

const flat: ApiPrice = { name: "flat", unit: "1K", input: [{ upTo: null, price: "0.02" }], output: [{ upTo: null, price: "0.02" }] };

describe("break-even against a per-token API", () => {
  it.each([
    ["2000", "0.5", "100000000"], // 2,000 / 0.02 x 1,000
    ["20", "0.3", "1000000"],
    ["2483.7333", "0.5", "124186665"], // floor shown; 2,483.7333 / 0.00002
  ])("self-hosting %s/month vs 0.02/1K at input share %s = %s tokens", (cost, share, expected) => {
    const b = breakEvenApiVolume(cost, flat, share);
    expect(b.tokensPerMonth?.floor().toString()).toBe(expected);
  });

  // Input: 1 per 1M up to 10M then 0.5; output: 4 per 1M up to 2M then 2. Half the tokens are input.
  const tiered: ApiPrice = {
    name: "tiered",
    unit: "1M",
    input: [{ upTo: "10000000", price: "1" }, { upTo: null, price: "0.5" }],
    output: [{ upTo: "2000000", price: "4" }, { upTo: null, price: "2" }],
  };
  it.each([
    // Up to V = 4M (output bound 2M / 0.5): cost = V x (0.5 x 1 + 0.5 x 4) / 1M = 2.5 per 1M
    ["5", "2000000"], // 5 / 2.5 per 1M
    ["10", "4000000"], // exactly at the output corner
    // 4M..20M: 10 + (V - 4M) x (0.5 x 1 + 0.5 x 2) / 1M = 1.5 per 1M
    ["19", "10000000"], // 10 + 9 / 1.5 = 6M more
    // beyond 20M (input bound 10M / 0.5): cost(20M) = 10 + 16 x 1.5 = 34; then 0.5 x 0.5 + 0.5 x 2 = 1.25 per 1M
    ["34", "20000000"],
    ["39", "24000000"], // 34 + 5 / 1.25
  ])("tiered: %s/month breaks even at %s tokens", (cost, expected) => {
    const b = breakEvenApiVolume(cost, tiered, "0.5");
    expect(b.tokensPerMonth?.toString()).toBe(expected);
    // and the API bill there is indeed the self-hosting cost
    const v = dec(expected);
    expect(priceApiUsage(tiered, { inputTokens: v.div(2), outputTokens: v.div(2) }).total.toString()).toBe(cost);
  });

  it("is zero when self-hosting costs nothing", () => {
    expect(breakEvenApiVolume(0, flat, "0.5").tokensPerMonth?.toString()).toBe("0");
  });

  it("is never when the API's marginal price falls to zero below the cost", () => {
    const capped: ApiPrice = { name: "capped", unit: "1K", input: [{ upTo: "1000", price: "1" }, { upTo: null, price: "0" }], output: [{ upTo: null, price: "0" }] };
    const b = breakEvenApiVolume(5, capped, "1"); // the bill tops out at 1
    expect(b.tokensPerMonth).toBeNull();
    expect(b.reason?.en).toMatch(/never/);
  });
});

describe("break-even against cloud GPUs (a step function)", () => {
  const inst = { name: "A10", price: "1000", per: "month" as const, outputTokensPerSecond: "100" };
  it("is the volume above which the peak needs enough instances to cost as much", () => {
    // self-hosting 2,500 -> 3 instances cost 3,000 >= 2,500; needed when peak > 2 x 100 tok/s.
    // peak = output/month / 2,628,000 s x 2 (peak factor) -> output/month > 262,800,000; all tokens at 50 % output: 525,600,000
    const b = breakEvenCloudVolume("2500", inst, "2", "0.5");
    expect(b.tokensPerMonth?.toString()).toBe("525600000");
    expect(b.note?.en).toMatch(/step/);
  });

  it("is zero when self-hosting costs no more than one instance", () => {
    const b = breakEvenCloudVolume("1000", inst, "2", "0.5");
    expect(b.tokensPerMonth?.toString()).toBe("0");
  });

  it("is null with a reason when the instance's throughput is unknown", () => {
    const b = breakEvenCloudVolume("2483.73", { name: "GN7i", price: "15000", per: "year" }, "3", "0.5");
    expect(b.tokensPerMonth).toBeNull();
    expect(b.reason?.en).toMatch(/throughput/);
    expect(b.reason?.zh).toMatch(/吞吐量/);
  });
});
