import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ARTICLE_PRINTED_FIGURES, ARTICLE_SCENARIO } from "./article-scenario";
import { dec, type Decimal } from "./money";
import { comparePrinted, comparePublished } from "./published";

/*
 * The article's results recomputed here by hand from its stated inputs,
 * independently of the engine, then compared with what comparePublished()
 * computes and with what the article printed.
 */
const HARDWARE = dec(13500).times(4).plus(2800).plus(dec(1200).times(2)).plus(800).plus(3000);
const ELECTRICITY = dec(800).div(1000).times(12).times(365).times("1.2"); // kW x h/day x days x CNY/kWh
const OPEX = ELECTRICITY.plus(1000).plus(10000).plus(2000);
const BENEFIT_MONTH = dec(8000).plus(3000);
const cumCost = (n: number) => HARDWARE.plus(OPEX.times(n));
const roiPct = (n: number) => BENEFIT_MONTH.times(12 * n).minus(cumCost(n)).div(cumCost(n)).times(100);
const PAYBACK = HARDWARE.div(BENEFIT_MONTH.minus(OPEX.div(12)));
const MONTHLY_TCO = HARDWARE.div(5).plus(OPEX).div(12); // depreciation + running costs, a month
const BREAK_EVEN_API = MONTHLY_TCO.div("0.02").times(1000);
const GIB = dec(1024).pow(3);
const FP16_NEED = dec("7.61e9").times(2).plus(dec(57344).times(8192).times(16));
const INT4_NEED = dec("6.53e9").times("0.5").times(dec(1).plus(dec(20).div(512))).plus(dec("1.08e9").times(2)).plus(dec(57344).times(8192).times(16));
const USABLE_CARD = dec(24).times("0.9").times(GIB);

// key, computed by hand, differs from print?
const expectations: [string, Decimal, boolean][] = [
  ["hardware.total", HARDWARE, false],
  ["electricity.yearly", ELECTRICITY, true],
  ["opex.yearly", OPEX, true],
  ["depreciation.yearly", HARDWARE.div(5), false],
  ["benefit.monthly", BENEFIT_MONTH, false],
  ["benefit.yearly", BENEFIT_MONTH.times(12), false],
  ["year1.cumulativeBenefit", BENEFIT_MONTH.times(12), false],
  ["year1.cumulativeCost", cumCost(1), true],
  ["year1.roi", roiPct(1), true],
  ["year2.cumulativeBenefit", BENEFIT_MONTH.times(24), false],
  ["year2.cumulativeCost", cumCost(2), true],
  ["year2.roi", roiPct(2), false],
  ["year3.cumulativeBenefit", BENEFIT_MONTH.times(36), false],
  ["year3.cumulativeCost", cumCost(3), true],
  ["year3.roi", roiPct(3), true],
  ["payback.range", PAYBACK, true],
  ["payback.summary", PAYBACK, false],
  ["roi3.headline", roiPct(3), false],
  ["cards.fp16", FP16_NEED.div(USABLE_CARD).ceil(), true],
  ["memory.int4", dec(96).times("0.65"), true],
  ["cards.int4", INT4_NEED.div(USABLE_CARD).ceil(), true],
  ["breakeven.api", BREAK_EVEN_API, true],
];

const rows = comparePublished();

describe("the article's printed figures, recomputed", () => {
  it("covers every printed figure, and only those", () => {
    expect(rows.map((r) => r.key)).toEqual(ARTICLE_PRINTED_FIGURES.map((f) => f.key));
    expect(expectations.map(([k]) => k)).toEqual(ARTICLE_PRINTED_FIGURES.map((f) => f.key));
  });

  it.each(expectations)("%s: computed %s, differs %s", (key, expected, differs) => {
    const row = rows.find((r) => r.key === key);
    expect(row?.computed?.toFixed(10)).toBe(expected.toFixed(10));
    expect(row?.differs).toBe(differs);
    if (differs) {
      expect(row?.reason?.en.length).toBeGreaterThan(0);
      expect(row?.reason?.zh.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ["electricity.yearly", "4204.80", "4.80"], // 4,204.80 vs 4,200
    ["opex.yearly", "17204.80", "4.80"],
    ["year3.cumulativeCost", "114614.40", "14.40"], // 3 x 4.80
    ["year1.roi", "64.58", "1.28"], // 64.58 % vs 63.3 %
    ["year3.roi", "245.51", "-0.29"], // 245.51 % vs 245.8 %
    ["payback.range", "6.59", "-0.41"], // below the printed 7~8
    ["breakeven.api", "124186666.67", "123186666.67"], // vs 1,000,000
  ])("%s is %s, %s from print", (key, computed, difference) => {
    const row = rows.find((r) => r.key === key);
    expect(row?.computed?.toFixed(2)).toBe(computed);
    expect(row?.difference?.toFixed(2)).toBe(difference);
  });

  it("explains the ROI slips as slips, not as the electricity rounding", () => {
    // On the article's own 80,200: (132,000 - 80,200) / 80,200 = 64.59 %, still not 63.3 %
    expect(dec(132000).minus(80200).div(80200).times(100).toFixed(2)).toBe("64.59");
    expect(rows.find((r) => r.key === "year1.roi")?.reason?.en).toContain("64.59%");
    // 7~8 months matches charging the first year's running costs up front: (63,000 + 17,204.80) / 11,000
    const upFront = HARDWARE.plus(OPEX).div(BENEFIT_MONTH);
    expect(upFront.toFixed(2)).toBe("7.29");
    expect(rows.find((r) => r.key === "payback.range")?.reason?.en).toContain("7.29 months");
  });
});

describe("comparePrinted", () => {
  it.each([
    [{ kind: "exact", value: dec("171.0"), decimals: 1 }, "171.0204", false, "0.0204"],
    [{ kind: "exact", value: dec("171.0"), decimals: 1 }, "171.05", true, "0.05"], // half-up shows 171.1
    [{ kind: "range", low: dec(7), high: dec(8) }, "7.5", false, "0"],
    [{ kind: "range", low: dec(7), high: dec(8) }, "8.2", true, "0.2"],
    [{ kind: "atLeast", value: dec(240) }, "239", true, "-1"],
    [{ kind: "atMost", value: dec(8) }, "8", false, "0"],
  ] as const)("%j vs %s", (printed, computed, differs, difference) => {
    const c = comparePrinted(printed, dec(computed));
    expect(c.differs).toBe(differs);
    expect(c.difference?.toString()).toBe(difference);
  });

  it("a missing computation always differs", () => {
    expect(comparePrinted({ kind: "atMost", value: dec(8) }, null)).toEqual({ differs: true, difference: null });
  });
});

describe("scenarios/article.json", () => {
  it("is the article scenario, byte for byte in meaning", () => {
    const file: unknown = JSON.parse(readFileSync(new URL("./scenarios/article.json", import.meta.url), "utf8"));
    expect(file).toEqual(JSON.parse(JSON.stringify(ARTICLE_SCENARIO)));
  });
});
