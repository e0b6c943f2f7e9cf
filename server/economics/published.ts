import DecimalJs from "decimal.js";
import { ARTICLE_PRINTED_FIGURES, ARTICLE_SCENARIO, type FigureUnit, type Printed } from "./article-scenario";
import { GIB } from "./capacity";
import { chargeForYear } from "./depreciation";
import { evaluateScenario } from "./evaluate";
import { dec, formatMoney, formatNumber, formatPercent, ONE, ZERO, type Decimal, type Localised } from "./money";
import { paybackMonths, roi } from "./roi";
import { parseScenario } from "./scenario";
import { ownershipFromScenario } from "./scenario-model";

export interface PublishedRow {
  key: string;
  label: Localised;
  unit: FigureUnit;
  printed: Printed;
  /** The printed figure in a neutral notation ("63.3%", "7~8 months", "≥ 240%"); `source` quotes the article. */
  printedText: string;
  computed: Decimal | null;
  differs: boolean;
  /** computed - printed (to the nearest bound of a range or limit; 0 inside it). */
  difference: Decimal | null;
  reason: Localised | null;
  source: string;
}

/**
 * Agreement is judged at the printed precision: 171.02 % agrees with a
 * printed 171.0 %, 4,204.80 does not agree with a printed 4,200.
 */
export function comparePrinted(printed: Printed, computed: Decimal | null): { differs: boolean; difference: Decimal | null } {
  if (computed === null) return { differs: true, difference: null };
  switch (printed.kind) {
    case "exact": {
      const shown = computed.toDecimalPlaces(printed.decimals, DecimalJs.ROUND_HALF_UP);
      return { differs: !shown.eq(printed.value), difference: computed.minus(printed.value) };
    }
    case "range": {
      if (computed.lt(printed.low)) return { differs: true, difference: computed.minus(printed.low) };
      if (computed.gt(printed.high)) return { differs: true, difference: computed.minus(printed.high) };
      return { differs: false, difference: ZERO };
    }
    case "atLeast":
      return computed.gte(printed.value)
        ? { differs: false, difference: ZERO }
        : { differs: true, difference: computed.minus(printed.value) };
    case "atMost":
      return computed.lte(printed.value)
        ? { differs: false, difference: ZERO }
        : { differs: true, difference: computed.minus(printed.value) };
  }
}

const UNIT_SUFFIX: Record<FigureUnit, string> = {
  CNY: "",
  percent: "%",
  months: " months",
  "tokens/month": " tokens/month",
  GB: " GB",
  cards: " cards",
};

export function formatPrinted(p: Printed, unit: FigureUnit): string {
  const suffix = UNIT_SUFFIX[unit];
  switch (p.kind) {
    case "exact":
      return `${formatNumber(p.value, p.decimals)}${suffix}`;
    case "range":
      return `${formatNumber(p.low, 0)}~${formatNumber(p.high, 0)}${suffix}`;
    case "atLeast":
      return `≥ ${formatNumber(p.value, 0)}${suffix}`;
    case "atMost":
      return `≤ ${formatNumber(p.value, 0)}${suffix}`;
  }
}

const gib = (bytes: Decimal) => `${formatNumber(bytes.div(GIB), 1)} GiB`;
const pct = (r: Decimal | null) => (r === null ? "-" : formatPercent(r, 2));

/**
 * The article's printed results beside what its own inputs give, computed by
 * the engine. Nothing here copies a printed figure into `computed`.
 */
export function comparePublished(): PublishedRow[] {
  const s = parseScenario(ARTICLE_SCENARIO);
  const report = evaluateScenario(s);
  const o = ownershipFromScenario(s);
  const electricity = report.opex.electricity;
  if (electricity === null) throw new Error("the article scenario prices electricity");
  const benefitMonth = report.benefits.perMonth;
  const cap = report.capacity;
  const api = report.alternatives.find((a) => a.kind === "api");
  const year = (n: number) => {
    const y = report.years[n - 1];
    if (y === undefined) throw new Error(`the article scenario covers year ${n}`);
    return y;
  };
  const percent = (r: Decimal | null) => (r === null ? null : r.times(100));
  // The article's own cumulative costs: its inputs with the electricity it printed. Used only in reasons.
  const printedOf = (key: string) => {
    const f = ARTICLE_PRINTED_FIGURES.find((x) => x.key === key);
    if (f === undefined || f.printed.kind !== "exact") throw new Error(`no printed figure ${key}`);
    return f.printed.value;
  };
  const electricityGap = electricity.costPerYear.minus(printedOf("electricity.yearly"));
  const roiOnPrinted = (n: number) => roi(year(n).cumulativeBenefit, printedOf(`year${n}.cumulativeCost`));
  const opexMonth = o.opexPerYear.div(12);
  const upFrontOpexPayback = paybackMonths(
    [o.capex.plus(o.opexPerYear)],
    Array.from({ length: 12 }, () => benefitMonth),
  ).months;
  const cardsInstalledMemory = dec(cap.cardsInstalled).times(dec(s.capacity.card.memoryGiB));
  const ruleOfThumb = cardsInstalledMemory.times(ONE.minus(s.capacity.whatIf.quantisedMemoryReduction));
  const apiPricePer1k = s.alternatives.apis[0]?.input[0]?.price ?? ZERO;
  const opexOnlyBreakEven = apiPricePer1k.isZero() ? null : opexMonth.div(apiPricePer1k).times(1000);
  const volume = report.tokens.total;

  const cumulativeCostReason = (n: number): Localised => ({
    en: `${formatMoney(o.capex)} + ${n} x ${formatMoney(o.opexPerYear)}; ${formatMoney(electricityGap.times(n))} above print: the rounded electricity, once a year`,
    zh: `${formatMoney(o.capex)} + ${n} × ${formatMoney(o.opexPerYear)}；比印刷值多 ${formatMoney(electricityGap.times(n))}：电费取整，每年一次`,
  });
  const roiSlipReason = (n: number): Localised => ({
    en: `(${formatMoney(year(n).cumulativeBenefit)} - ${formatMoney(year(n).cumulativeCashCost)}) / ${formatMoney(year(n).cumulativeCashCost)} = ${pct(year(n).cashRoi)}. Not the electricity rounding: on the article's own cumulative cost it is ${pct(roiOnPrinted(n))}. The printed figure is an arithmetic slip.`,
    zh: `(${formatMoney(year(n).cumulativeBenefit)} - ${formatMoney(year(n).cumulativeCashCost)}) / ${formatMoney(year(n).cumulativeCashCost)} = ${pct(year(n).cashRoi)}。并非电费取整所致：按文章自己的累计成本计算为 ${pct(roiOnPrinted(n))}。印刷值属计算错误。`,
  });

  const computed: Record<string, { value: Decimal | null; reason: Localised | null }> = {
    "hardware.total": { value: report.capex.total, reason: null },
    "electricity.yearly": {
      value: electricity.costPerYear,
      reason: {
        en: `800 W x 12 h x 365 d = ${formatNumber(electricity.kwhPerYear, 1)} kWh x 1.2 CNY/kWh = ${formatMoney(electricity.costPerYear)}; the article rounds it to 4,200`,
        zh: `800 W × 12 h × 365 天 = ${formatNumber(electricity.kwhPerYear, 1)} kWh × 1.2 元/kWh = ${formatMoney(electricity.costPerYear)}；文章取整为 4,200`,
      },
    },
    "opex.yearly": {
      value: o.opexPerYear,
      reason: {
        en: `the items sum to ${formatMoney(o.opexPerYear)} with the electricity computed, not rounded`,
        zh: `按未取整的电费，各项合计 ${formatMoney(o.opexPerYear)}`,
      },
    },
    "depreciation.yearly": { value: chargeForYear(o.depreciation, 1), reason: null },
    "benefit.monthly": { value: benefitMonth, reason: null },
    "benefit.yearly": { value: report.benefits.perYear, reason: null },
    "year1.cumulativeBenefit": { value: year(1).cumulativeBenefit, reason: null },
    "year1.cumulativeCost": { value: year(1).cumulativeCashCost, reason: cumulativeCostReason(1) },
    "year1.roi": { value: percent(year(1).cashRoi), reason: roiSlipReason(1) },
    "year2.cumulativeBenefit": { value: year(2).cumulativeBenefit, reason: null },
    "year2.cumulativeCost": { value: year(2).cumulativeCashCost, reason: cumulativeCostReason(2) },
    "year2.roi": { value: percent(year(2).cashRoi), reason: null },
    "year3.cumulativeBenefit": { value: year(3).cumulativeBenefit, reason: null },
    "year3.cumulativeCost": { value: year(3).cumulativeCashCost, reason: cumulativeCostReason(3) },
    "year3.roi": { value: percent(year(3).cashRoi), reason: roiSlipReason(3) },
    "payback.range": {
      value: report.payback.months,
      reason: {
        en: `with running costs paid month by month, cumulative benefit overtakes cumulative cost after ${formatMoney(o.capex)} / (${formatMoney(benefitMonth)} - ${formatMoney(opexMonth)}) = ${formatNumber(report.payback.months ?? ZERO, 2)} months. Charging the whole first year's running costs on day one gives ${formatNumber(upFrontOpexPayback ?? ZERO, 2)} months, inside the printed range: the article appears to divide its year-1 cumulative cost by the monthly benefit.`,
        zh: `运营成本按月支付时，累计收益在 ${formatMoney(o.capex)} / (${formatMoney(benefitMonth)} - ${formatMoney(opexMonth)}) = ${formatNumber(report.payback.months ?? ZERO, 2)} 个月后超过累计成本。若第一年运营成本在首日一次计入，则为 ${formatNumber(upFrontOpexPayback ?? ZERO, 2)} 个月，落在印刷区间内：文章似乎是用第1年累计成本除以月收益。`,
      },
    },
    "payback.summary": { value: report.payback.months, reason: null },
    "roi3.headline": { value: percent(year(3).cashRoi), reason: null },
    "cards.fp16": {
      value: dec(cap.cards.byMemory),
      reason: {
        en: `fp16 weights ${gib(cap.memory.weightBytes)} + KV cache for ${formatNumber(s.capacity.concurrentSequences, 0)} sequences of ${formatNumber(s.capacity.contextTokens, 0)} tokens (${formatNumber(cap.memory.kvBytesPerToken, 0)} bytes/token) ${gib(cap.memory.kvCacheBytes)} = ${gib(cap.memory.totalBytes)}, within one card's usable ${gib(cap.usableBytesPerCard)}. 96 GB is what four cards hold, not what the model needs; four cards serve four replicas.`,
        zh: `fp16 权重 ${gib(cap.memory.weightBytes)} + ${formatNumber(s.capacity.concurrentSequences, 0)} 个 ${formatNumber(s.capacity.contextTokens, 0)} tokens 序列的 KV 缓存（每 token ${formatNumber(cap.memory.kvBytesPerToken, 0)} 字节）${gib(cap.memory.kvCacheBytes)} = ${gib(cap.memory.totalBytes)}，单卡可用 ${gib(cap.usableBytesPerCard)} 即可容纳。96GB 是四张卡的总显存，并非模型所需；四张卡可运行四个副本。`,
      },
    },
    "memory.int4": {
      value: ruleOfThumb,
      reason: {
        en: `-35 % of ${formatNumber(cardsInstalledMemory, 0)} GB is ${formatNumber(ruleOfThumb, 1)} GB (60 GB would be -37.5 %). Both start from the installed memory, not the need: 4-bit weights computed from the parameters are ${gib(cap.quantised.computed.weightBytes)}, ${gib(cap.quantised.computed.totalBytes)} with the same KV cache.`,
        zh: `${formatNumber(cardsInstalledMemory, 0)} GB 下降 35% 为 ${formatNumber(ruleOfThumb, 1)} GB（60 GB 相当于下降 37.5%）。两者都以已安装显存而非实际需求为起点：按参数计算的 4-bit 权重为 ${gib(cap.quantised.computed.weightBytes)}，加同样的 KV 缓存共 ${gib(cap.quantised.computed.totalBytes)}。`,
      },
    },
    "cards.int4": {
      value: dec(cap.quantised.computedCards.byMemory),
      reason: {
        en: `by memory ${cap.quantised.computedCards.byMemory} card suffices (${gib(cap.quantised.computed.totalBytes)}). Even on the article's own 60 GB, two 24 GB cards could not hold it, and three is not a valid tensor-parallel size for 28 query / 4 KV heads.`,
        zh: `按显存 ${cap.quantised.computedCards.byMemory} 张卡即可（${gib(cap.quantised.computed.totalBytes)}）。即使按文章自己的 60 GB，两张 24 GB 显卡也放不下，而 3 不是 28 个 Q 头 / 4 个 KV 头可用的张量并行数。`,
      },
    },
    "breakeven.api": {
      value: api?.breakEven.tokensPerMonth ?? null,
      reason: {
        en: `self-hosting costs ${formatMoney(report.monthlyCost.accrual)} a month (depreciation + running costs). At ${formatMoney(apiPricePer1k, { dp: 2 })} per 1K tokens the API costs that much only at ${formatNumber(api?.breakEven.tokensPerMonth ?? ZERO, 0)} tokens a month; ${formatNumber(volume, 0)} tokens cost ${formatMoney(api?.monthlyCost ?? ZERO)} on the API. Even with the hardware treated as sunk, running costs alone (${formatMoney(opexMonth)} a month) break even at ${formatNumber(opexOnlyBreakEven ?? ZERO, 0)} tokens.`,
        zh: `自建每月成本 ${formatMoney(report.monthlyCost.accrual)}（折旧 + 运营）。按每千 tokens ${formatMoney(apiPricePer1k, { dp: 2 })}，API 要到每月 ${formatNumber(api?.breakEven.tokensPerMonth ?? ZERO, 0)} tokens 才达到这一费用；每月 ${formatNumber(volume, 0)} tokens 在 API 上只需 ${formatMoney(api?.monthlyCost ?? ZERO)}。即使把硬件视为沉没成本，仅运营成本（每月 ${formatMoney(opexMonth)}）的盈亏平衡点也在 ${formatNumber(opexOnlyBreakEven ?? ZERO, 0)} tokens。`,
      },
    },
  };

  return ARTICLE_PRINTED_FIGURES.map((f) => {
    const c = computed[f.key];
    if (c === undefined) throw new Error(`no computation for printed figure ${f.key}`);
    return {
      key: f.key,
      label: f.label,
      unit: f.unit,
      printed: f.printed,
      printedText: formatPrinted(f.printed, f.unit),
      computed: c.value,
      ...comparePrinted(f.printed, c.value),
      reason: c.reason,
      source: f.source,
    };
  });
}
