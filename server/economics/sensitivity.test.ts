import { describe, expect, it } from "vitest";
import { ARTICLE_SCENARIO } from "./article-scenario";
import { dec, type Decimal } from "./money";
import { parseScenario } from "./scenario";
import { cashRoiAtYear, scenarioTornado } from "./scenario-sensitivity";
import { tornado, type Perturbation } from "./sensitivity";

describe("tornado", () => {
  type In = { a: Decimal; b: Decimal; c: Decimal };
  const base: In = { a: dec(10), b: dec(100), c: dec(5) };
  const scale = (k: keyof In): Perturbation<In> => ({ key: k, label: { en: k, zh: k }, apply: (x, f) => ({ ...x, [k]: x[k].times(f) }) });
  // output = a x 3 - b + c x 6: swings 2 x 0.2 x 30 = 12, 2 x 0.2 x 100 = 40, 2 x 0.2 x 30 = 12
  const bars = tornado(base, (x) => x.a.times(3).minus(x.b).plus(x.c.times(6)), [scale("c"), scale("a"), scale("b")], "0.2");

  it("sorts by spread, ties by key", () => {
    expect(bars.map((b) => [b.key, b.spread.toString()])).toEqual([
      ["b", "40"],
      ["a", "12"],
      ["c", "12"],
    ]);
  });

  it("low is the output with the input lowered, high with it raised", () => {
    const b = bars[0]!;
    expect(b.low?.toString()).toBe("-20"); // 30 - 80 + 30
    expect(b.high?.toString()).toBe("-60"); // 30 - 120 + 30
  });

  it("a null end gives a zero spread", () => {
    const [bar] = tornado(base, (x) => (x.a.gt(10) ? null : x.a), [scale("a")]);
    expect(bar?.high).toBeNull();
    expect(bar?.spread.isZero()).toBe(true);
  });
});

describe("article scenario tornado (year-3 cash ROI, +-20 %)", () => {
  const s = parseScenario(ARTICLE_SCENARIO);
  const bars = scenarioTornado(s);
  // Year-3 cash ROI = (3 x 132,000 - (63,000 + 3 x 17,204.80)) / (63,000 + 3 x 17,204.80)
  const roiWith = (hardware: string, opexPerYear: string, benefitPerYear: string) => {
    const cost = dec(hardware).plus(dec(opexPerYear).times(3));
    return dec(benefitPerYear).times(3).minus(cost).div(cost);
  };

  it("base ROI is the article's definition", () => {
    expect(cashRoiAtYear(s, 3)?.toFixed(6)).toBe(roiWith("63000", "17204.8", "132000").toFixed(6));
  });

  it.each([
    ["hardware", roiWith("50400", "17204.8", "132000"), roiWith("75600", "17204.8", "132000")], // 63,000 x 0.8 / 1.2
    // 8,000/month x 0.8 = 6,400 -> benefit (6,400 + 3,000) x 12 = 112,800/yr; x 1.2 = 9,600 -> 151,200
    ["benefit:customer-service bot replaces a junior agent", roiWith("63000", "17204.8", "112800"), roiWith("63000", "17204.8", "151200")],
    // electricity 4,204.80 x 0.8 = 3,363.84 -> opex 16,363.84; x 1.2 = 5,045.76 -> 18,045.76
    ["electricity:tariffPerKwh", roiWith("63000", "16363.84", "132000"), roiWith("63000", "18045.76", "132000")],
    ["operating:operations staff (part-time)", roiWith("63000", "15204.8", "132000"), roiWith("63000", "19204.8", "132000")],
  ])("%s", (key, low, high) => {
    const bar = bars.find((b) => b.key === key);
    expect(bar?.low?.toFixed(8)).toBe(low.toFixed(8));
    expect(bar?.high?.toFixed(8)).toBe(high.toFixed(8));
  });

  it("is sorted widest first, the agent's salary on top; PUE 1 is not varied", () => {
    const spreads = bars.map((b) => b.spread);
    for (let i = 1; i < spreads.length; i++) expect(spreads[i - 1]!.gte(spreads[i]!)).toBe(true);
    expect(bars[0]?.key).toBe("benefit:customer-service bot replaces a junior agent");
    expect(bars.some((b) => b.key === "electricity:pue")).toBe(false);
  });
});
