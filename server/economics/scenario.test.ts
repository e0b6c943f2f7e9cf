import { describe, expect, it } from "vitest";
import { ARTICLE_SCENARIO } from "./article-scenario";
import { evaluateScenario } from "./evaluate";
import { dec } from "./money";
import { reportToJSON } from "./report-json";
import { formatReportText } from "./report-text";
import { parseScenario, scenarioSchema, type ScenarioInput } from "./scenario";

const small: ScenarioInput = {
  name: "small",
  hardware: { bom: [{ component: "server", subtotal: "12000" }], lifetimeYears: 2 },
  operating: {
    items: [{ name: "support", amount: "100", per: "month" }],
    electricity: { mode: "assumed", watts: 500, hoursPerDay: 24, tariffPerKwh: "1", pue: "1.2" },
  },
  benefits: [{ name: "saved", amount: "300", per: "month" }],
  alternatives: {
    apis: [{ name: "api", unit: "1M", input: "2", output: "6" }],
    cloud: [{ name: "gpu", price: "500", per: "month", outputTokensPerSecond: "10" }],
  },
  volume: { inputTokensPerMonth: "3000000", outputTokensPerMonth: "1000000", peakToAverage: "2" },
  finance: { horizonYears: 2, discountRate: "0.1" },
};

describe("scenarioSchema", () => {
  it("fills defaults", () => {
    const s = parseScenario({ name: "x", hardware: { bom: [{ component: "a", unitPrice: 1 }] } });
    expect(s.currency).toBe("CNY");
    expect(s.hardware.lifetimeYears).toBe(5);
    expect(s.hardware.depreciation).toEqual({ method: "straight-line" });
    expect(s.finance.discountRate.toString()).toBe("0.08");
    expect(s.finance.horizonYears).toBe(3);
    expect(s.volume.peakToAverage.toString()).toBe("3");
    expect(s.capacity.outputTokensPerSecondPerCard.toString()).toBe("3580");
    expect(s.capacity.card.count).toBe(4);
    expect(s.capacity.model.kvHeads).toBe(4);
  });

  it("turns a single API price into one unbounded tier", () => {
    const s = parseScenario(small);
    expect(s.alternatives.apis[0]?.input.map((t) => [t.upTo, t.price.toString()])).toEqual([[null, "2"]]);
  });

  it("parses its own output again unchanged", () => {
    const once = parseScenario(small);
    expect(reportToJSON(parseScenario(once))).toEqual(reportToJSON(once));
  });

  it.each([
    ["a negative price", { hardware: { bom: [{ component: "a", unitPrice: -1 }] } }],
    ["a line without price", { hardware: { bom: [{ component: "a", quantity: 2 }] } }],
    ["an empty bill of materials", { hardware: { bom: [] } }],
    ["a non-number", { hardware: { bom: [{ component: "a", subtotal: "lots" }] } }],
    ["a PUE under 1", { hardware: small.hardware, operating: { electricity: { mode: "assumed", watts: 1, hoursPerDay: 1, tariffPerKwh: 1, pue: "0.9" } } }],
    ["25 hours a day", { hardware: small.hardware, operating: { electricity: { mode: "assumed", watts: 1, hoursPerDay: 25, tariffPerKwh: 1 } } }],
    [
      "tiers out of order",
      { hardware: small.hardware, alternatives: { apis: [{ name: "x", input: [{ upTo: 10, price: 1 }, { upTo: 5, price: 1 }], output: "1" }] } },
    ],
    ["a peak under the average", { hardware: small.hardware, volume: { peakToAverage: "0.5" } }],
  ])("rejects %s", (_, bad) => {
    expect(scenarioSchema.safeParse({ name: "bad", ...bad }).success).toBe(false);
  });
});

describe("evaluateScenario (small, computed by hand)", () => {
  const r = evaluateScenario(small);
  // electricity: 0.5 kW x 24 h x 365 = 4,380 kWh x 1 x 1.2 = 5,256; support 1,200 -> opex 6,456/yr = 538/month
  // depreciation 6,000/yr -> accrual 12,456/yr = 1,038/month; benefit 300/month loses 238 a month
  it.each([
    ["capex", r.capex.total, "12000.00"],
    ["electricity", r.opex.electricity!.costPerYear, "5256.00"],
    ["opex/yr", r.opex.perYear, "6456.00"],
    ["opex/month", r.opex.perMonth, "538.00"],
    ["accrual/month", r.monthlyCost.accrual, "1038.00"],
    ["year 1 cash cost", r.years[0]!.cumulativeCashCost, "18456.00"],
    ["year 2 cash cost", r.years[1]!.cumulativeCashCost, "24912.00"],
    ["year 1 cash ROI", r.years[0]!.cashRoi!, dec(3600 - 18456).div(18456).toFixed(2)],
    ["year 2 accrual cost", r.years[1]!.cumulativeAccrualCost, "24912.00"],
    // NPV at 10 %: -12,000 + (3,600 - 6,456) / 1.1 + (3,600 - 6,456) / 1.21
    ["NPV yearly", r.npv.yearly, dec(-12000).plus(dec(-2856).div("1.1")).plus(dec(-2856).div("1.21")).toFixed(2)],
    ["cost per 1K", r.costPer1k.actual!, "0.26"], // 1,038 / 4,000 thousands = 0.2595
    ["API monthly", r.alternatives[0]!.monthlyCost, "12.00"], // 3 x 2 + 1 x 6
    ["API saving", r.alternatives[0]!.savingsPerMonth, "-1026.00"],
    // blended 0.75 x 2 + 0.25 x 6 = 3 per 1M -> 1,038 / 3 M
    ["API break-even", r.alternatives[0]!.breakEven.tokensPerMonth!, "346000000.00"],
    ["cloud monthly", r.alternatives[1]!.monthlyCost, "500.00"], // peak 1M / 2,628,000 s x 2 = 0.76 tok/s -> 1
    // 3 instances (1,500) >= 1,038: needed above 2 x 10 tok/s x 2,628,000 s / 2 = 26.28M output = 105.12M tokens
    ["cloud break-even", r.alternatives[1]!.breakEven.tokensPerMonth!, "105120000.00"],
  ])("%s = %s", (_, value, expected) => {
    expect(value.toFixed(2)).toBe(expected);
  });

  it("payback is never within the horizon when benefit does not cover running costs", () => {
    expect(r.payback.months).toBeNull();
    expect(r.payback.reason?.en).toMatch(/24 months/);
  });

  it("has no IRR when every flow is negative", () => {
    expect(r.irr.yearly.rate).toBeNull();
    expect(r.irr.monthly.rate).toBeNull();
  });

  it("measures utilisation against saturated output capacity", () => {
    // defaults: 4 cards x 3,580 tok/s x 3,600 x 24 h x 365 / 12
    const capacity = dec(4 * 3580).times(3600 * 24 * 365).div(12);
    expect(r.capacity.outputTokensPerMonthSaturated.toString()).toBe(capacity.toString());
    expect(r.utilisation?.toString()).toBe(dec(1000000).div(capacity).toString());
    expect(r.alternatives[0]!.breakEvenWithinCapacity).toBe(true);
  });

  it("zero tokens: cost per 1K is null, API costs nothing", () => {
    const z = evaluateScenario({ ...small, volume: { inputTokensPerMonth: 0, outputTokensPerMonth: 0 } });
    expect(z.costPer1k.actual).toBeNull();
    expect(z.alternatives[0]!.monthlyCost.isZero()).toBe(true);
    expect(z.alternatives[1]!.instances).toBe(0);
  });
});

describe("evaluateScenario (article)", () => {
  const r = evaluateScenario(ARTICLE_SCENARIO);
  it("matches the article's ROI definition year by year", () => {
    const opex = dec(800 * 12 * 365).div(1000).times("1.2").plus(13000);
    r.years.forEach((y, i) => {
      const cost = dec(63000).plus(opex.times(i + 1));
      expect(y.cumulativeCashCost.toFixed(2)).toBe(cost.toFixed(2));
      expect(y.cashRoi?.toFixed(8)).toBe(dec(132000 * (i + 1)).minus(cost).div(cost).toFixed(8));
    });
  });

  it("IRR zeroes the NPV of its own flows", () => {
    expect(r.irr.yearly.rate).not.toBeNull();
    const rate = r.irr.yearly.rate!;
    const net = dec(132000).minus(r.opex.perYear);
    const npv = dec(-63000).plus(net.div(rate.plus(1))).plus(net.div(rate.plus(1).pow(2))).plus(net.div(rate.plus(1).pow(3)));
    expect(npv.abs().lt("0.000001")).toBe(true);
  });
});

describe("serialising and printing a report", () => {
  const r = evaluateScenario(ARTICLE_SCENARIO);
  it("reportToJSON renders Decimals as strings and survives JSON", () => {
    const json = reportToJSON(r);
    expect(json.capex.total).toBe("63000");
    expect(json.opex.perYear).toBe("17204.8");
    expect(typeof json.years[0]?.cashRoi).toBe("string");
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it.each([
    ["en", ["ROI by year", "¥80,204.80", "64.6%", "6.59 months", "124,186,667"]],
    ["zh-CN", ["按年 ROI", "¥80,204.80", "64.6%", "6.59 个月", "投资回收期"]],
  ] as const)("formatReportText(%s)", (locale, fragments) => {
    const text = formatReportText(r, locale);
    for (const f of fragments) expect(text).toContain(f);
  });
});
