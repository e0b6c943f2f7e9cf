import type { BreakEven } from "./breakeven";
import { GIB } from "./capacity";
import type { ScenarioReport } from "./evaluate";
import { formatMoney, formatNumber, formatPercent, type Decimal, type Localised } from "./money";
import { textTable } from "./text-table";

export type ReportLocale = "en" | "zh-CN";

const L = {
  hardware: { en: "Hardware (one-off)", zh: "硬件（一次性）" },
  component: { en: "component", zh: "组件" },
  model: { en: "model", zh: "型号" },
  amount: { en: "amount", zh: "金额" },
  total: { en: "total", zh: "合计" },
  operating: { en: "Operating cost", zh: "运营成本" },
  item: { en: "item", zh: "项目" },
  perYear: { en: "per year", zh: "每年" },
  perMonth: { en: "per month", zh: "每月" },
  electricity: { en: "electricity", zh: "电费" },
  benefits: { en: "Benefits", zh: "收益" },
  roiTable: { en: "ROI by year", zh: "按年 ROI" },
  year: { en: "year", zh: "年" },
  cumBenefit: { en: "cum. benefit", zh: "累计收益" },
  cumCash: { en: "cum. cost (cash)", zh: "累计成本（收付实现）" },
  roiCash: { en: "ROI (cash)", zh: "ROI（收付实现）" },
  cumAccrual: { en: "cum. cost (accrual)", zh: "累计成本（权责发生）" },
  roiAccrual: { en: "ROI (accrual)", zh: "ROI（权责发生）" },
  returns: { en: "Returns", zh: "回报" },
  payback: { en: "payback", zh: "投资回收期" },
  months: { en: "months", zh: "个月" },
  npvYearly: { en: "NPV (yearly flows)", zh: "净现值（按年现金流）" },
  npvMonthly: { en: "NPV (monthly flows)", zh: "净现值（按月现金流）" },
  irrYearly: { en: "IRR (yearly flows)", zh: "内部收益率（按年）" },
  irrMonthly: { en: "IRR (monthly flows, annualised)", zh: "内部收益率（按月，年化）" },
  at: { en: "at", zh: "折现率" },
  unitCost: { en: "Unit cost (accrual)", zh: "单位成本（权责发生）" },
  monthlyCost: { en: "self-hosting cost per month", zh: "自建每月成本" },
  tokens: { en: "tokens per month (in / out)", zh: "每月 tokens（输入 / 输出）" },
  per1kActual: { en: "cost per 1K tokens, actual", zh: "每千 tokens 成本（实际）" },
  per1kTarget: { en: "cost per 1K tokens, at target utilisation", zh: "每千 tokens 成本（目标利用率）" },
  per1kCapacity: { en: "cost per 1K tokens, at full capacity", zh: "每千 tokens 成本（满负荷）" },
  utilisation: { en: "utilisation", zh: "利用率" },
  alternatives: { en: "Alternatives at this volume", zh: "同等用量下的替代方案" },
  option: { en: "option", zh: "方案" },
  altCost: { en: "cost / month", zh: "每月费用" },
  saving: { en: "saving / month", zh: "每月节省" },
  breakEven: { en: "break-even tokens / month", zh: "盈亏平衡 tokens/月" },
  never: { en: "never", zh: "无" },
  instances: { en: "instances", zh: "实例数" },
  unsized: { en: "throughput unknown: one instance assumed", zh: "吞吐量未知：按一台实例计" },
  beyondCapacity: { en: "beyond the cluster's capacity at target utilisation", zh: "超出集群在目标利用率下的容量" },
  capacity: { en: "Capacity", zh: "容量" },
  memory: { en: "memory needed", zh: "所需显存" },
  weights: { en: "weights", zh: "权重" },
  kv: { en: "KV cache", zh: "KV 缓存" },
  cardsNeeded: { en: "cards needed / installed", zh: "所需 / 已装显卡" },
  int4: { en: "4-bit: memory, cards", zh: "4-bit：显存、显卡" },
  ruleOfThumb: { en: "4-bit rule of thumb (-35 %)", zh: "4-bit 经验值（-35%）" },
  servedSaturated: { en: "output tokens / month, saturated", zh: "每月输出 tokens（饱和）" },
  servedTarget: { en: "output tokens / month, at target", zh: "每月输出 tokens（目标利用率）" },
  whatIf: { en: "utilisation what-if", zh: "利用率假设" },
  per1kOut: { en: "cost per 1K output tokens", zh: "每千输出 tokens 成本" },
  tornado: { en: "Sensitivity of year-{n} cash ROI (±{s})", zh: "第 {n} 年 ROI 敏感性（±{s}）" },
  input: { en: "input", zh: "输入项" },
  low: { en: "low", zh: "下调" },
  high: { en: "high", zh: "上调" },
  spread: { en: "spread (pp)", zh: "波动（百分点）" },
} satisfies Record<string, Localised>;

/** The report as plain text for the `roi` CLI. Rounds here, and only here. */
export function formatReportText(r: ScenarioReport, locale: ReportLocale): string {
  const t = (l: Localised) => (locale === "zh-CN" ? l.zh : l.en);
  const money = (d: Decimal) => formatMoney(d, { currency: r.currency });
  const pct = (d: Decimal | null) => (d === null ? "-" : formatPercent(d, 1));
  const opt = (d: Decimal | null, f: (x: Decimal) => string) => (d === null ? "-" : f(d));
  const tokens = (d: Decimal) => formatNumber(d, 0);
  const gib = (d: Decimal) => `${formatNumber(d.div(GIB), 1)} GiB`;
  const breakEven = (b: BreakEven) => (b.tokensPerMonth === null ? t(L.never) : tokens(b.tokensPerMonth));
  const out: string[] = [];
  const section = (title: Localised | string, body: string) =>
    out.push(`${typeof title === "string" ? title : t(title)}\n${body}\n`);

  out.push(`${r.name} (${r.currency})\n`);
  section(
    L.hardware,
    textTable(
      [t(L.component), t(L.model), t(L.amount)],
      [...r.capex.lines.map((l) => [l.component, l.model ?? "", money(l.amount)]), [t(L.total), "", money(r.capex.total)]],
    ),
  );
  section(
    L.operating,
    textTable(
      [t(L.item), t(L.perYear)],
      [
        ...r.opex.items.map((i) => [i.name === "electricity" ? t(L.electricity) : i.name, money(i.perYear)]),
        [t(L.total), money(r.opex.perYear)],
        [t(L.perMonth), money(r.opex.perMonth)],
      ],
    ),
  );
  section(
    L.benefits,
    textTable(
      [t(L.item), t(L.perYear)],
      [...r.benefits.items.map((b) => [b.name, money(b.perYear)]), [t(L.total), money(r.benefits.perYear)], [t(L.perMonth), money(r.benefits.perMonth)]],
    ),
  );
  section(
    L.roiTable,
    textTable(
      [t(L.year), t(L.cumBenefit), t(L.cumCash), t(L.roiCash), t(L.cumAccrual), t(L.roiAccrual)],
      r.years.map((y) => [
        String(y.year),
        money(y.cumulativeBenefit),
        money(y.cumulativeCashCost),
        pct(y.cashRoi),
        money(y.cumulativeAccrualCost),
        pct(y.accrualRoi),
      ]),
    ),
  );
  const irrText = (i: ScenarioReport["irr"]["yearly"]) => (i.rate === null ? `- (${t(i.reason)})` : pct(i.rate));
  section(
    L.returns,
    textTable(
      null,
      [
        [t(L.payback), r.payback.months === null ? `${t(L.never)} (${t(r.payback.reason)})` : `${formatNumber(r.payback.months, 2)} ${t(L.months)}`],
        [`${t(L.npvYearly)} ${t(L.at)} ${pct(r.discountRate)}`, money(r.npv.yearly)],
        [`${t(L.npvMonthly)} ${t(L.at)} ${pct(r.discountRate)}`, money(r.npv.monthly)],
        [t(L.irrYearly), irrText(r.irr.yearly)],
        [t(L.irrMonthly), irrText(r.irr.monthly)],
      ],
    ),
  );
  section(
    L.unitCost,
    textTable(
      null,
      [
        [t(L.monthlyCost), money(r.monthlyCost.accrual)],
        [t(L.tokens), `${tokens(r.tokens.input)} / ${tokens(r.tokens.output)}`],
        [t(L.per1kActual), opt(r.costPer1k.actual, (d) => formatMoney(d, { currency: r.currency, dp: 4 }))],
        [t(L.per1kTarget), opt(r.costPer1k.atTarget, (d) => formatMoney(d, { currency: r.currency, dp: 6 }))],
        [t(L.per1kCapacity), opt(r.costPer1k.atCapacity, (d) => formatMoney(d, { currency: r.currency, dp: 6 }))],
        [t(L.utilisation), opt(r.utilisation, (d) => formatPercent(d, 4))],
      ],
    ),
  );
  const notes: string[] = [];
  section(
    L.alternatives,
    textTable(
      [t(L.option), t(L.altCost), t(L.saving), t(L.breakEven)],
      r.alternatives.map((a) => {
        const marks: string[] = [];
        if (a.instances !== null) marks.push(`${t(L.instances)}: ${a.instances}${a.sized === false ? ` (${t(L.unsized)})` : ""}`);
        const why = a.breakEven.tokensPerMonth === null ? a.breakEven.reason : a.breakEven.note;
        if (why !== undefined) marks.push(t(why));
        if (a.breakEvenWithinCapacity === false) marks.push(t(L.beyondCapacity));
        if (marks.length > 0) notes.push(`[${notes.length + 1}] ${marks.join("; ")}`);
        return [`${a.name}${marks.length > 0 ? ` [${notes.length}]` : ""}`, money(a.monthlyCost), money(a.savingsPerMonth), breakEven(a.breakEven)];
      }),
    ) + (notes.length > 0 ? `\n${notes.join("\n")}` : ""),
  );
  const c = r.capacity;
  section(
    L.capacity,
    textTable(
      null,
      [
        [`${t(L.memory)} (${c.precision})`, `${gib(c.memory.totalBytes)} = ${t(L.weights)} ${gib(c.memory.weightBytes)} + ${t(L.kv)} ${gib(c.memory.kvCacheBytes)}`],
        [t(L.cardsNeeded), `${c.cards.byMemory} / ${c.cardsInstalled}`],
        [t(L.int4), `${gib(c.quantised.computed.totalBytes)}, ${c.quantised.computedCards.byMemory}`],
        [t(L.ruleOfThumb), `${gib(c.quantised.ruleOfThumbBytes)}, ${c.quantised.ruleOfThumbCards.byMemory}`],
        [t(L.servedSaturated), tokens(c.outputTokensPerMonthSaturated)],
        [t(L.servedTarget), tokens(c.outputTokensPerMonthAtTarget)],
      ],
    ),
  );
  section(
    L.whatIf,
    textTable(
      [t(L.utilisation), t(L.servedTarget), t(L.per1kOut)],
      c.utilisationWhatIf.map((p) => [
        formatPercent(p.utilisation, 0),
        tokens(p.outputTokensPerMonth),
        opt(p.costPer1kOutputTokens, (d) => formatMoney(d, { currency: r.currency, dp: 6 })),
      ]),
    ),
  );
  section(
    t(L.tornado).replace("{n}", String(r.sensitivity.year)).replace("{s}", formatPercent(r.sensitivity.swing, 0)),
    textTable(
      [t(L.input), t(L.low), t(L.high), t(L.spread)],
      r.sensitivity.bars.map((b) => [t(b.label), pct(b.low), pct(b.high), formatNumber(b.spread.times(100), 1)]),
    ),
  );
  return out.join("\n").trimEnd() + "\n";
}
