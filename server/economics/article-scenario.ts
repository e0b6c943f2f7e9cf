import { dec, type Decimal, type Localised } from "./money";
import type { ScenarioInput } from "./scenario";

/**
 * The seed article's scenario (CSDN, "Qwen2.5-7B成本效益分析：ROI计算与优化建议",
 * digested in shared/seed/README.md) as inputs. Only what the article states
 * is taken from it; what it leaves out is marked as our assumption.
 * scenarios/article.json holds the same scenario as a file (a test keeps the
 * two identical).
 */
export const ARTICLE_SCENARIO = {
  name: "Qwen2.5-7B-Instruct on 4 x RTX 4090D (seed article)",
  description:
    "Figures from the seed article, sections 3.2, 3.3 and 4.3. Not in the article (our assumptions): token volume (its 1M tokens/month threshold, split evenly), peak-to-average 3, discount rate 8 %, capacity inputs (notes/toolchain.md calibration).",
  currency: "CNY",
  hardware: {
    bom: [
      { component: "GPU", model: "RTX 4090D", unitPrice: "13500", quantity: "4" },
      { component: "CPU", model: "Intel i7-13700K", unitPrice: "2800", quantity: "1" },
      { component: "memory", model: "DDR5 32GB x2", unitPrice: "1200", quantity: "2" },
      { component: "storage", model: "NVMe SSD 2TB", unitPrice: "800", quantity: "1" },
      { component: "board / PSU / case", subtotal: "3000" },
    ],
    lifetimeYears: 5,
    salvage: "0",
    depreciation: { method: "straight-line" },
  },
  operating: {
    items: [
      { name: "cooling and environment", amount: "1000", per: "year" },
      { name: "operations staff (part-time)", amount: "10000", per: "year" },
      { name: "model updates and security patches", amount: "2000", per: "year" },
    ],
    electricity: { mode: "assumed", watts: "800", hoursPerDay: "12", daysPerYear: 365, tariffPerKwh: "1.2", pue: "1" },
  },
  benefits: [
    { name: "customer-service bot replaces a junior agent", amount: "8000", per: "month" },
    { name: "automated reports save 30 % of an analyst", amount: "3000", per: "month" },
  ],
  alternatives: {
    apis: [
      {
        name: "Tongyi Qianwen API",
        unit: "1K",
        input: "0.02",
        output: "0.02",
        source: "article section 4.3: ¥0.02 per 1K tokens, input and output alike",
      },
    ],
    cloud: [
      {
        name: "Aliyun GN7i",
        price: "15000",
        per: "year",
        source: "article section 4.3: ¥15,000 per year; throughput not given",
      },
    ],
  },
  volume: { inputTokensPerMonth: "500000", outputTokensPerMonth: "500000", peakToAverage: "3" },
  finance: { discountRate: "0.08", horizonYears: 3, sensitivityYear: 3, swing: "0.2" },
  capacity: {
    model: {
      totalParams: "7.61e9",
      nonEmbeddingParams: "6.53e9",
      layers: 28,
      queryHeads: 28,
      kvHeads: 4,
      headDim: 128,
    },
    precision: "fp16",
    kvBytesPerElement: "2",
    contextTokens: "8192",
    concurrentSequences: "16",
    card: { name: "RTX 4090D", memoryGiB: "24", count: 4, usableFraction: "0.9" },
    outputTokensPerSecondPerCard: "3580",
    // The article's observed average before batching; its run time of 12 h a day.
    targetUtilisation: "0.4",
    hoursPerDay: "12",
    whatIf: { quantisedMemoryReduction: "0.35", quantisedLatencyReduction: ["0.15", "0.2"], utilisations: ["0.4", "0.75"] },
  },
} satisfies ScenarioInput;

/** How a figure was printed: a value to some decimals, a range, or a bound ("over 240 %"). */
export type Printed =
  | { kind: "exact"; value: Decimal; decimals: number }
  | { kind: "range"; low: Decimal; high: Decimal }
  | { kind: "atLeast"; value: Decimal }
  | { kind: "atMost"; value: Decimal };

export type FigureUnit = "CNY" | "percent" | "months" | "tokens/month" | "GB" | "cards";

export interface PrintedFigure {
  key: string;
  label: Localised;
  unit: FigureUnit;
  printed: Printed;
  /** Where it is printed, quoted in the article's words. */
  source: string;
}

const exact = (value: string, decimals = 0): Printed => ({ kind: "exact", value: dec(value), decimals });

/**
 * Every result the article prints (not its inputs). Kept apart from the
 * scenario so that nothing computed can ever read one of these by mistake:
 * only published.ts compares against them.
 */
export const ARTICLE_PRINTED_FIGURES: readonly PrintedFigure[] = [
  { key: "hardware.total", label: { en: "hardware total", zh: "硬件合计" }, unit: "CNY", printed: exact("63000"), source: "3.2 一次性硬件投入：合计 ¥63,000" },
  { key: "electricity.yearly", label: { en: "electricity per year", zh: "年电费" }, unit: "CNY", printed: exact("4200"), source: "3.2 电费（按满载 800W，每天 12h，¥1.2/kWh）¥4,200" },
  { key: "opex.yearly", label: { en: "operating cost per year", zh: "年度总成本" }, unit: "CNY", printed: exact("17200"), source: "3.2 年度总成本 ¥17,200" },
  { key: "depreciation.yearly", label: { en: "depreciation per year", zh: "年均折旧成本" }, unit: "CNY", printed: exact("12600"), source: "3.2 年均折旧成本约为 ¥12,600（63,000 ÷ 5）" },
  { key: "benefit.monthly", label: { en: "benefit per month", zh: "每月节约人力成本" }, unit: "CNY", printed: exact("11000"), source: "3.3 每月可节约人力成本 ¥11,000" },
  { key: "benefit.yearly", label: { en: "benefit per year", zh: "年化收益" }, unit: "CNY", printed: exact("132000"), source: "3.3 年化收益 ¥132,000" },
  { key: "year1.cumulativeBenefit", label: { en: "year 1 cumulative benefit", zh: "第1年累计收益" }, unit: "CNY", printed: exact("132000"), source: "3.3 ROI 表 第1年 ¥132,000" },
  { key: "year1.cumulativeCost", label: { en: "year 1 cumulative cost", zh: "第1年累计成本" }, unit: "CNY", printed: exact("80200"), source: "3.3 ROI 表 第1年 ¥63,000 + ¥17,200 = ¥80,200" },
  { key: "year1.roi", label: { en: "year 1 ROI", zh: "第1年 ROI" }, unit: "percent", printed: exact("63.3", 1), source: "3.3 ROI 表 第1年 63.3%" },
  { key: "year2.cumulativeBenefit", label: { en: "year 2 cumulative benefit", zh: "第2年累计收益" }, unit: "CNY", printed: exact("264000"), source: "3.3 ROI 表 第2年 ¥264,000" },
  { key: "year2.cumulativeCost", label: { en: "year 2 cumulative cost", zh: "第2年累计成本" }, unit: "CNY", printed: exact("97400"), source: "3.3 ROI 表 第2年 ¥80,200 + ¥17,200 = ¥97,400" },
  { key: "year2.roi", label: { en: "year 2 ROI", zh: "第2年 ROI" }, unit: "percent", printed: exact("171.0", 1), source: "3.3 ROI 表 第2年 171.0%" },
  { key: "year3.cumulativeBenefit", label: { en: "year 3 cumulative benefit", zh: "第3年累计收益" }, unit: "CNY", printed: exact("396000"), source: "3.3 ROI 表 第3年 ¥396,000" },
  { key: "year3.cumulativeCost", label: { en: "year 3 cumulative cost", zh: "第3年累计成本" }, unit: "CNY", printed: exact("114600"), source: "3.3 ROI 表 第3年 ¥114,600" },
  { key: "year3.roi", label: { en: "year 3 ROI", zh: "第3年 ROI" }, unit: "percent", printed: exact("245.8", 1), source: "3.3 ROI 表 第3年 245.8%" },
  { key: "payback.range", label: { en: "payback period", zh: "投资回收期" }, unit: "months", printed: { kind: "range", low: dec(7), high: dec(8) }, source: "3.3 结论：投资回收期约为 7~8 个月" },
  { key: "payback.summary", label: { en: "payback (summary)", zh: "投资回收期（总结）" }, unit: "months", printed: { kind: "atMost", value: dec(8) }, source: "5 总结：投资回收期短于 8 个月" },
  { key: "roi3.headline", label: { en: "3-year ROI headline", zh: "三年 ROI" }, unit: "percent", printed: { kind: "atLeast", value: dec(240) }, source: "3.3 三年内 ROI 超过 240%；5 三年内 ROI 可达 240% 以上" },
  { key: "cards.fp16", label: { en: "cards needed (fp16)", zh: "所需显卡数（fp16）" }, unit: "cards", printed: { kind: "atLeast", value: dec(4) }, source: "3.1 配置至少 4 张 NVIDIA RTX 4090D（总计 96GB GPU 显存）" },
  { key: "memory.int4", label: { en: "memory after 4-bit quantisation", zh: "4-bit 量化后显存" }, unit: "GB", printed: exact("60"), source: "4.1 将显存占用从 96GB 降至约 60GB；显存下降 35%" },
  { key: "cards.int4", label: { en: "cards needed (4-bit)", zh: "所需显卡数（4-bit）" }, unit: "cards", printed: { kind: "range", low: dec(2), high: dec(3) }, source: "4.1 支持在 3×4090D 甚至双卡环境下运行" },
  { key: "breakeven.api", label: { en: "self-hosting pays above (vs API)", zh: "自建更划算的流量（对比 API）" }, unit: "tokens/month", printed: exact("1000000"), source: "4.3 建议：流量 > 100 万 tokens/月 → 自建更划算" },
];
