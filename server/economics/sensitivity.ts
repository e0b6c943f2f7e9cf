import { dec, type Decimal, type DecimalInput, type Localised } from "./money";

/** One input to vary: how to build the inputs with it scaled by `factor` (0.8, 1.2, ...). */
export interface Perturbation<I> {
  key: string;
  label: Localised;
  apply: (inputs: I, factor: Decimal) => I;
}

export interface TornadoBar {
  key: string;
  label: Localised;
  /** Output with the input lowered by the swing. */
  low: Decimal | null;
  /** Output with the input raised by the swing. */
  high: Decimal | null;
  /** |high - low|; zero when either end has no value. */
  spread: Decimal;
}

/**
 * A tornado chart's data: the output recomputed with each input alone moved
 * down and up by `swing` (0.2 = +-20 %), widest bar first. Ties keep a stable
 * order by key so the chart does not reshuffle between identical runs.
 */
export function tornado<I>(
  base: I,
  evaluate: (inputs: I) => Decimal | null,
  perturbations: readonly Perturbation<I>[],
  swing: DecimalInput = "0.2",
): TornadoBar[] {
  const s = dec(swing);
  const lowFactor = dec(1).minus(s);
  const highFactor = dec(1).plus(s);
  return perturbations
    .map((p) => {
      const low = evaluate(p.apply(base, lowFactor));
      const high = evaluate(p.apply(base, highFactor));
      const spread = low === null || high === null ? dec(0) : high.minus(low).abs();
      return { key: p.key, label: p.label, low, high, spread };
    })
    .sort((a, b) => b.spread.comparedTo(a.spread) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
