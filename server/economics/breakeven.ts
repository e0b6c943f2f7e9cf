import {
  instanceMonthlyCost,
  normaliseTiers,
  priceApiUsage,
  SECONDS_PER_MONTH,
  type ApiPrice,
  type CloudInstance,
} from "./alternatives";
import { dec, formatMoney, formatNumber, ONE, type Decimal, type DecimalInput, type Localised } from "./money";

export type BreakEven =
  | { tokensPerMonth: Decimal; note?: Localised; reason?: undefined }
  | { tokensPerMonth: null; note?: undefined; reason: Localised };

/**
 * The monthly token volume at which the API bill equals the self-hosting
 * monthly cost (which does not grow with volume: the cluster costs the same
 * idle or busy). The bill is piecewise linear in volume, with a corner
 * wherever the input or the output share crosses a tier bound, so we walk
 * the segments and solve the linear equation in the first one that reaches
 * the cost. `inputShare` is the fraction of tokens that are input.
 */
export function breakEvenApiVolume(
  selfHostMonthlyCost: DecimalInput,
  api: ApiPrice,
  inputShare: DecimalInput,
): BreakEven {
  const target = dec(selfHostMonthlyCost);
  const r = dec(inputShare);
  if (r.lt(0) || r.gt(1)) throw new Error("input share must be between 0 and 1");
  if (target.lte(0)) {
    return { tokensPerMonth: dec(0), note: { en: "self-hosting costs nothing a month", zh: "自建每月成本为零" } };
  }
  const cost = (v: Decimal) => priceApiUsage(api, { inputTokens: v.times(r), outputTokens: v.times(ONE.minus(r)) }).total;
  const corners = new Set<string>();
  for (const [tiers, share] of [
    [api.input, r],
    [api.output, ONE.minus(r)],
  ] as const) {
    if (share.isZero()) continue;
    for (const t of normaliseTiers(tiers, api.unit)) if (t.upTo !== null) corners.add(t.upTo.div(share).toString());
  }
  const points = [dec(0), ...[...corners].map((c) => dec(c)).sort((a, b) => a.comparedTo(b))];
  for (let i = 0; i < points.length; i++) {
    const v0 = points[i] ?? dec(0);
    const c0 = cost(v0);
    // Past the last corner the bill is linear for ever: probe one token further for its slope.
    const v1 = points[i + 1] ?? v0.plus(1);
    const c1 = cost(v1);
    if (c0.gte(target)) return { tokensPerMonth: v0 };
    const slope = c1.minus(c0).div(v1.minus(v0));
    if (slope.lte(0)) continue;
    const v = v0.plus(target.minus(c0).div(slope));
    if (i === points.length - 1 || v.lte(v1)) return { tokensPerMonth: v };
  }
  return {
    tokensPerMonth: null,
    reason: {
      en: `the API never costs more than ${formatMoney(target)} a month: its marginal price reaches zero`,
      zh: `该 API 每月费用永远达不到 ${formatMoney(target)}：其边际价格降为零`,
    },
  };
}

/**
 * Cloud GPUs cost a whole instance at a time, so their bill is a step
 * function of volume and usually never equals the self-hosting cost exactly.
 * What finance needs is the volume above which self-hosting is never dearer:
 * the volume whose peak needs enough instances to cost at least as much as
 * the cluster. Peak = monthly average rate x peakToAverage.
 */
export function breakEvenCloudVolume(
  selfHostMonthlyCost: DecimalInput,
  instance: CloudInstance,
  peakToAverage: DecimalInput,
  /** Output tokens / all tokens: instances are sized on output, volumes are quoted in all tokens. */
  outputShare: DecimalInput,
): BreakEven {
  const target = dec(selfHostMonthlyCost);
  const perInstance = instanceMonthlyCost(instance);
  const instancesToMatch = target.div(perInstance).ceil();
  if (instancesToMatch.lte(1)) {
    return {
      tokensPerMonth: dec(0),
      note: {
        en: `self-hosting (${formatMoney(target)}/month) costs no more than one ${instance.name} instance (${formatMoney(perInstance)}/month)`,
        zh: `自建（每月 ${formatMoney(target)}）不高于一台 ${instance.name} 实例（每月 ${formatMoney(perInstance)}）`,
      },
    };
  }
  if (instance.outputTokensPerSecond === undefined || dec(outputShare).isZero()) {
    return {
      tokensPerMonth: null,
      reason: {
        en: `self-hosting (${formatMoney(target)}/month) costs more than ${instancesToMatch.minus(1).toString()} ${instance.name} instance(s) (${formatMoney(perInstance)}/month each); the cloud becomes dearer only when the load needs ${instancesToMatch.toString()}, and without the instance's output throughput that volume cannot be known`,
        zh: `自建（每月 ${formatMoney(target)}）高于 ${instancesToMatch.minus(1).toString()} 台 ${instance.name} 实例（每台每月 ${formatMoney(perInstance)}）；只有负载需要 ${instancesToMatch.toString()} 台时云端才更贵，而未给出实例吞吐量，无法求出该用量`,
      },
    };
  }
  // Just above this volume the peak needs one more instance than (instancesToMatch - 1) can carry.
  const volume = instancesToMatch
    .minus(1)
    .times(dec(instance.outputTokensPerSecond))
    .times(SECONDS_PER_MONTH)
    .div(dec(peakToAverage))
    .div(dec(outputShare));
  return {
    tokensPerMonth: volume,
    note: {
      en: `a step, not a crossing: above ${formatNumber(volume, 0)} tokens/month the peak needs ${instancesToMatch.toString()} instances, costing at least as much as self-hosting`,
      zh: `阶跃而非交点：超过每月 ${formatNumber(volume, 0)} tokens 时峰值需要 ${instancesToMatch.toString()} 台实例，费用不低于自建`,
    },
  };
}
