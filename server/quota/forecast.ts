// Where a quota's use is heading: a straight line through the use so far.
// Pure, so that it is tested apart and drawn by the chart as is.

export type BurnPoint = { at: Date; used: number };

export type Forecast = {
  /** Use per millisecond so far in the period. */
  ratePerMs: number;
  /** Projected use at the end of the period. */
  projected: number;
  /** When the limit is reached at this rate; null if not before the period ends. */
  exhaustedAt: Date | null;
};

export function forecast(used: number, limit: number | null, periodStart: Date, periodEnd: Date, now: Date): Forecast {
  const elapsed = Math.max(1, Math.min(now.getTime(), periodEnd.getTime()) - periodStart.getTime());
  const ratePerMs = used / elapsed;
  const projected = ratePerMs * (periodEnd.getTime() - periodStart.getTime());
  let exhaustedAt: Date | null = null;
  if (limit !== null && ratePerMs > 0) {
    const at = used >= limit ? now.getTime() : now.getTime() + (limit - used) / ratePerMs;
    if (at < periodEnd.getTime()) exhaustedAt = new Date(at);
  }
  return { ratePerMs, projected, exhaustedAt };
}

/** The forecast line from now to the end of the period (or to exhaustion). */
export function forecastLine(f: Forecast, used: number, limit: number | null, now: Date, periodEnd: Date): BurnPoint[] {
  if (f.ratePerMs <= 0) return [{ at: now, used }];
  const end = f.exhaustedAt ?? periodEnd;
  const endUsed = f.exhaustedAt && limit !== null ? limit : used + f.ratePerMs * (end.getTime() - now.getTime());
  return [
    { at: now, used },
    { at: end, used: endUsed },
  ];
}
