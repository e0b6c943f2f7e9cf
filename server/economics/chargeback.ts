import { dec, roundMoney, sum, ZERO, type Decimal, type DecimalInput } from "./money";

/** How much an input token weighs against an output token (decode costs more GPU time than prefill). */
export interface TokenWeights {
  input: DecimalInput;
  output: DecimalInput;
}

export function weightedTokens(inputTokens: DecimalInput, outputTokens: DecimalInput, w: TokenWeights): Decimal {
  return dec(inputTokens).times(dec(w.input)).plus(dec(outputTokens).times(dec(w.output)));
}

/** One department's (or tenant's) usage in allocation units: weighted tokens or GPU-seconds. */
export interface Usage {
  id: string;
  units: DecimalInput;
}

export const PLATFORM_OVERHEAD_ID = "platform-overhead";

export interface AllocationInput {
  /** The period's cluster cost; allocated at cent precision after one half-up rounding of the total. */
  total: DecimalInput;
  usage: readonly Usage[];
  /** What the cluster could have served in the same units; needed to price idle capacity. */
  capacityUnits?: DecimalInput;
  /**
   * "spread": idle capacity is paid by users in proportion to use.
   * "overhead": idle capacity stays on a platform-overhead line.
   * With no usage at all everything lands on the overhead line either way.
   */
  idle: "spread" | "overhead";
}

export interface Allocation {
  id: string;
  units: Decimal;
  /** Full-precision share of the total before cent rounding. */
  exact: Decimal;
  /** Cents, summing exactly to the rounded total. */
  amount: Decimal;
  overhead: boolean;
}

/**
 * Largest-remainder (Hamilton) rounding: every line gets its exact share
 * floored to the cent, then the cents left over go one each to the lines with
 * the largest dropped fractions. Ties go to the larger user, then to the
 * smaller id, so the same inputs always produce the same statement.
 */
export function allocateCost(input: AllocationInput): Allocation[] {
  const ids = new Set<string>();
  for (const u of input.usage) {
    if (ids.has(u.id) || u.id === PLATFORM_OVERHEAD_ID) throw new Error(`duplicate or reserved allocation id "${u.id}"`);
    ids.add(u.id);
    if (dec(u.units).lt(0)) throw new Error(`negative usage for "${u.id}"`);
  }
  const total = roundMoney(input.total);
  const lines = input.usage.map((u) => ({ id: u.id, units: dec(u.units), overhead: false }));
  const used = sum(lines.map((l) => l.units));
  const idleUnits =
    input.capacityUnits === undefined ? ZERO : dec(input.capacityUnits).minus(used);
  if (used.isZero()) {
    lines.push({ id: PLATFORM_OVERHEAD_ID, units: idleUnits.gt(0) ? idleUnits : ZERO, overhead: true });
  } else if (input.idle === "overhead" && idleUnits.gt(0)) {
    lines.push({ id: PLATFORM_OVERHEAD_ID, units: idleUnits, overhead: true });
  }
  const denominator = sum(lines.map((l) => l.units));
  const exact = lines.map((l) =>
    denominator.isZero() ? (l.overhead ? total : ZERO) : total.times(l.units).div(denominator),
  );
  // Work in whole cents of the absolute amount so a credit (negative total) rounds symmetrically.
  const sign: 1 | -1 = total.isNegative() ? -1 : 1;
  const centsOf = (d: Decimal) => d.abs().times(100);
  const floors = exact.map((e) => centsOf(e).floor());
  let leftover = centsOf(total).minus(sum(floors)).toNumber();
  const order = lines
    .map((l, i) => ({ i, fraction: centsOf(exact[i] ?? ZERO).minus(floors[i] ?? ZERO), units: l.units, id: l.id }))
    .sort((a, b) => b.fraction.comparedTo(a.fraction) || b.units.comparedTo(a.units) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const cents = [...floors];
  for (const o of order) {
    if (leftover <= 0) break;
    cents[o.i] = (cents[o.i] ?? ZERO).plus(1);
    leftover--;
  }
  return lines.map((l, i) => ({
    id: l.id,
    units: l.units,
    exact: exact[i] ?? ZERO,
    amount: signed((cents[i] ?? ZERO).div(100), sign),
    overhead: l.overhead,
  }));
}

/** Negating zero gives -0 in decimal.js, which would print as a credit of nothing. */
function signed(amount: Decimal, sign: 1 | -1): Decimal {
  return sign === 1 || amount.isZero() ? amount : amount.neg();
}
