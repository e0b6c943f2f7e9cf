export type Candidate = { eligible: boolean; outstanding: number; weight: number; maxConcurrency: number };

// (a.outstanding + 1) / a.weight < (b.outstanding + 1) / b.weight, in integers.
function lighter(a: Candidate, b: Candidate): boolean {
  return (a.outstanding + 1) * b.weight < (b.outstanding + 1) * a.weight;
}

/**
 * The index of the eligible candidate with room and the least work per unit
 * of weight, or -1. The scan starts at `from` and only a strictly lighter
 * candidate replaces the best so far, so equal candidates take turns when
 * the caller moves `from` past each choice.
 */
export function chooseLeastLoaded(candidates: readonly Candidate[], from: number): number {
  const n = candidates.length;
  let best = -1;
  for (let k = 0; k < n; k++) {
    const i = (from + k) % n;
    const c = candidates[i]!;
    if (!c.eligible || c.outstanding >= c.maxConcurrency) continue;
    if (best < 0 || lighter(c, candidates[best]!)) best = i;
  }
  return best;
}
