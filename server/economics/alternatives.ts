import { dec, minOf, ratio, sum, ZERO, type Decimal, type DecimalInput } from "./money";

/**
 * A graduated tier: tokens up to `upTo` (cumulative monthly volume of that
 * direction) are charged at `price`; null = no upper bound. Graduated, not
 * volume-all-units: the 1,000,001st token is cheaper, the first million are not.
 */
export interface PriceTier {
  upTo: DecimalInput | null;
  price: DecimalInput;
}

export interface ApiPrice {
  name: string;
  /** Prices are per 1K or per 1M tokens, as the vendor publishes them. */
  unit: "1K" | "1M";
  input: readonly PriceTier[];
  output: readonly PriceTier[];
}

export interface TokenVolume {
  inputTokens: DecimalInput;
  outputTokens: DecimalInput;
}

export function unitSize(unit: ApiPrice["unit"]): Decimal {
  return dec(unit === "1K" ? 1000 : 1_000_000);
}

/** Price per single token of each tier, with bounds as Decimals; validates ordering. */
export function normaliseTiers(tiers: readonly PriceTier[], unit: ApiPrice["unit"]) {
  if (tiers.length === 0) throw new Error("a price needs at least one tier");
  const size = unitSize(unit);
  let previous = ZERO;
  return tiers.map((t, i) => {
    const upTo = t.upTo === null ? null : dec(t.upTo);
    if (upTo === null && i !== tiers.length - 1) throw new Error("only the last tier may be unbounded");
    if (upTo !== null && upTo.lte(previous)) throw new Error("tier bounds must increase");
    const from = previous;
    if (upTo !== null) previous = upTo;
    return { from, upTo, perToken: dec(t.price).div(size) };
  });
}

/** Cost of `tokens` tokens through graduated tiers; beyond a bounded last tier its price continues. */
export function tieredCost(tokens: DecimalInput, tiers: readonly PriceTier[], unit: ApiPrice["unit"]): Decimal {
  const n = dec(tokens);
  const norm = normaliseTiers(tiers, unit);
  return sum(
    norm.map((t, i) => {
      const last = i === norm.length - 1;
      const top = last || t.upTo === null ? n : minOf(n, t.upTo);
      const inTier = top.minus(t.from);
      return inTier.gt(0) ? inTier.times(t.perToken) : ZERO;
    }),
  );
}

export interface ApiCost {
  input: Decimal;
  output: Decimal;
  total: Decimal;
}

export function priceApiUsage(api: ApiPrice, volume: TokenVolume): ApiCost {
  const input = tieredCost(volume.inputTokens, api.input, api.unit);
  const output = tieredCost(volume.outputTokens, api.output, api.unit);
  return { input, output, total: input.plus(output) };
}

export interface CloudInstance {
  name: string;
  price: DecimalInput;
  per: "hour" | "month" | "year";
  /** Hours billed per month for hourly prices; 730 = always on (8,760 / 12). */
  hoursPerMonth?: DecimalInput;
  /**
   * Sustained output tokens/s one instance serves for this model (output,
   * because decode is what saturates a GPU; prefill rides along); unknown =
   * cannot size.
   */
  outputTokensPerSecond?: DecimalInput;
}

export const HOURS_PER_MONTH = dec(8760).div(12);
export const SECONDS_PER_MONTH = HOURS_PER_MONTH.times(3600);

export function instanceMonthlyCost(i: CloudInstance): Decimal {
  const price = dec(i.price);
  if (i.per === "month") return price;
  if (i.per === "year") return price.div(12);
  return price.times(dec(i.hoursPerMonth ?? HOURS_PER_MONTH));
}

/**
 * Instances needed to carry the observed peak: ceil(peak / per-instance
 * throughput). Without a throughput figure we fall back to one instance,
 * which is how a one-box-vs-one-box comparison (the article's) prices it,
 * and say so through `sized: false`.
 */
export function instancesNeeded(i: CloudInstance, peakOutputTokensPerSecond: DecimalInput): { count: number; sized: boolean } {
  const peak = dec(peakOutputTokensPerSecond);
  if (peak.lte(0)) return { count: 0, sized: true };
  if (i.outputTokensPerSecond === undefined) return { count: 1, sized: false };
  const perInstance = dec(i.outputTokensPerSecond);
  if (perInstance.lte(0)) throw new Error(`instance "${i.name}" throughput must be positive`);
  return { count: Math.max(1, peak.div(perInstance).ceil().toNumber()), sized: true };
}

export interface CloudCost {
  instances: number;
  sized: boolean;
  perInstance: Decimal;
  total: Decimal;
}

export function priceCloudUsage(i: CloudInstance, peakOutputTokensPerSecond: DecimalInput): CloudCost {
  const { count, sized } = instancesNeeded(i, peakOutputTokensPerSecond);
  const perInstance = instanceMonthlyCost(i);
  return { instances: count, sized, perInstance, total: perInstance.times(count) };
}

/**
 * Peak tokens/s implied by a monthly volume: the monthly average rate times
 * a peak-to-average factor (traffic is not flat; 1 = perfectly flat).
 */
export function peakTokensPerSecond(monthlyTokens: DecimalInput, peakToAverage: DecimalInput): Decimal {
  return dec(monthlyTokens).div(SECONDS_PER_MONTH).times(dec(peakToAverage));
}

/** Positive = self-hosting saved that much against the alternative. */
export function savings(alternativeCost: DecimalInput, actualCost: DecimalInput): Decimal {
  return dec(alternativeCost).minus(dec(actualCost));
}

/** Savings as a share of the alternative's cost; null when the alternative costs nothing. */
export function savingsRate(alternativeCost: DecimalInput, actualCost: DecimalInput): Decimal | null {
  return ratio(savings(alternativeCost, actualCost), alternativeCost);
}
