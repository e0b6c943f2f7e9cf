import { dec, ZERO, type Decimal, type DecimalInput } from "./money";

export const DAYS_PER_YEAR = 365;
const MS_PER_HOUR = 3_600_000;

export interface AssumedPower {
  /** Average draw of the whole machine while running, in watts. */
  watts: DecimalInput;
  hoursPerDay: DecimalInput;
  days?: DecimalInput;
}

/** kWh = W x h / 1000 over `days` days (a year by default). */
export function energyKwhFromPower(p: AssumedPower): Decimal {
  return dec(p.watts).times(dec(p.hoursPerDay)).times(dec(p.days ?? DAYS_PER_YEAR)).div(1000);
}

/**
 * The bill for IT energy: PUE scales it up to what the building draws
 * (cooling, power conversion). PUE 1 means the tariff already covers it.
 */
export function electricityCost(kwh: DecimalInput, tariffPerKwh: DecimalInput, pue: DecimalInput = 1): Decimal {
  return dec(kwh).times(dec(tariffPerKwh)).times(dec(pue));
}

/** A power reading: [unix time in ms, watts] (DCGM_FI_DEV_POWER_USAGE summed per node). */
export type PowerSample = readonly [timestampMs: number, watts: DecimalInput];

export interface IntegratedEnergy {
  kwh: Decimal;
  /** Time actually integrated. */
  coveredMs: number;
  /** Time between samples further apart than maxGapMs: not counted, not guessed. */
  gapMs: number;
}

/**
 * Energy from power samples by the trapezoidal rule. A scrape outage would
 * otherwise be bridged by a straight line between two distant readings, so
 * intervals longer than `maxGapMs` are left out and reported as gaps; the
 * caller decides whether to scale up or fall back to assumed power.
 */
export function integratePowerSamples(
  samples: readonly PowerSample[],
  options: { maxGapMs?: number } = {},
): IntegratedEnergy {
  const maxGap = options.maxGapMs ?? Number.POSITIVE_INFINITY;
  const sorted = [...samples].sort((a, b) => a[0] - b[0]);
  let wattMs = ZERO;
  let coveredMs = 0;
  let gapMs = 0;
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev === undefined || cur === undefined) continue;
    const dt = cur[0] - prev[0];
    if (dt <= 0) continue;
    if (dt > maxGap) {
      gapMs += dt;
      continue;
    }
    wattMs = wattMs.plus(dec(prev[1]).plus(dec(cur[1])).div(2).times(dt));
    coveredMs += dt;
  }
  return { kwh: wattMs.div(MS_PER_HOUR).div(1000), coveredMs, gapMs };
}
