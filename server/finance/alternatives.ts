import {
  breakEvenApiVolume,
  breakEvenCloudVolume,
  dec,
  maxOf,
  ONE,
  peakTokensPerSecond,
  priceApiUsage,
  priceCloudUsage,
  ratio,
  SECONDS_PER_MONTH,
  type Decimal,
} from "@/server/economics";
import { alternativesOut, assumptionsOf, clusterFigures, loadMonth, str } from "./month";
import { monthOf } from "./period";

const CHART_POINTS = 40;

/**
 * A month's actual usage priced on every catalog entry, and each entry's
 * break-even volume against self-hosting. Volumes and the self-hosting cost
 * are monthly rates (a month in progress is scaled up by its elapsed share).
 */
export async function alternativesReport(month?: string, now = new Date()) {
  const m = month ?? monthOf(now);
  const load = await loadMonth(m, now);
  if (load.status !== "ok") return { status: "noCostModel" as const, month: m };
  const i = load.inputs;
  const f = clusterFigures(i);
  const fraction = i.bounds.fraction;
  const monthlyCost = fraction.isZero() ? i.cost.total : i.cost.total.div(fraction);
  const monthlyVolume = fraction.isZero() ? f.tokens : f.tokens.div(fraction);
  const inputShare = ratio(f.totals.inputTokens, f.tokens) ?? dec("0.5");
  const outputShare = ONE.minus(inputShare);
  // Busiest hour / average rate over the period; the scenario's factor without usage.
  const seconds = SECONDS_PER_MONTH.times(fraction);
  const average = seconds.isZero() ? dec(0) : f.totals.outputTokens.div(seconds);
  const observed = average.isZero() ? null : i.peakOutputTokensPerSecond.div(average);
  const peakToAverage = observed === null ? i.scenario.volume.peakToAverage : maxOf(observed, ONE);

  const breakEvens = [
    ...i.scenario.alternatives.apis.map((api) => ({ name: api.name, kind: "api" as const, b: breakEvenApiVolume(monthlyCost, api, inputShare) })),
    ...i.scenario.alternatives.cloud.map((c) => ({ name: c.name, kind: "cloud" as const, b: breakEvenCloudVolume(monthlyCost, c, peakToAverage, outputShare) })),
  ];
  const top = breakEvens.reduce<Decimal>((t, x) => (x.b.tokensPerMonth ? maxOf(t, x.b.tokensPerMonth) : t), monthlyVolume).times("1.5");
  const xMax = top.isZero() ? dec(1_000_000) : top;
  const chart = Array.from({ length: CHART_POINTS + 1 }, (_, k) => {
    const v = xMax.times(k).div(CHART_POINTS);
    const volume = { inputTokens: v.times(inputShare), outputTokens: v.times(outputShare) };
    const peak = peakTokensPerSecond(volume.outputTokens, peakToAverage);
    return {
      volume: v.toString(),
      selfHosted: monthlyCost.toString(),
      costs: [
        ...i.scenario.alternatives.apis.map((api) => priceApiUsage(api, volume).total.toString()),
        ...i.scenario.alternatives.cloud.map((c) => priceCloudUsage(c, peak).total.toString()),
      ],
    };
  });
  return {
    status: "ok" as const,
    month: m,
    currency: i.scenario.currency,
    actualCost: i.cost.total.toString(),
    tokens: { input: f.totals.inputTokens.toString(), output: f.totals.outputTokens.toString(), total: f.tokens.toString() },
    alternatives: alternativesOut(f.alternatives),
    monthly: { cost: monthlyCost.toString(), volume: monthlyVolume.toString(), inputShare: inputShare.toString(), peakToAverage: peakToAverage.toString() },
    breakEven: breakEvens.map((x) => ({
      name: x.name,
      kind: x.kind,
      tokensPerMonth: str(x.b.tokensPerMonth),
      note: x.b.note ?? null,
      reason: x.b.reason ?? null,
      aboveBreakEven: x.b.tokensPerMonth === null ? null : monthlyVolume.gte(x.b.tokensPerMonth),
    })),
    chart: { names: breakEvens.map((x) => x.name), kinds: breakEvens.map((x) => x.kind), points: chart },
    assumptions: assumptionsOf(i),
  };
}
