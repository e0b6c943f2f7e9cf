import { Dec } from "@/server/economics/money";

// The internal chargeback rate: money per million input and output tokens.
export type Rate = { inputPerMillion: string; outputPerMillion: string; currency: string };

const MILLION = new Dec(1_000_000);
// UsageEvent.cost and the counters hold 8 decimal places: an event is priced
// once, at that scale, so that every sum over events is exact.
export const COST_SCALE = 8;

/** The cost of some tokens at a rate, as a decimal string (never a float). */
export function priceTokens(rate: Rate, promptTokens: number, completionTokens: number): string {
  const cost = new Dec(rate.inputPerMillion).mul(promptTokens).add(new Dec(rate.outputPerMillion).mul(completionTokens)).div(MILLION);
  return cost.toDecimalPlaces(COST_SCALE, Dec.ROUND_HALF_UP).toFixed(COST_SCALE);
}

export type RateRow = { tenantId: string | null; effectiveFrom: Date } & Rate;

/** The rate in force for a tenant at a time: its own latest, else the platform's latest. */
export function rateAt(rows: readonly RateRow[], tenantId: string, at: Date): Rate | null {
  let own: RateRow | null = null;
  let platform: RateRow | null = null;
  for (const row of rows) {
    if (row.effectiveFrom > at) continue;
    if (row.tenantId === tenantId) {
      if (!own || row.effectiveFrom >= own.effectiveFrom) own = row;
    } else if (row.tenantId === null) {
      if (!platform || row.effectiveFrom >= platform.effectiveFrom) platform = row;
    }
  }
  const chosen = own ?? platform;
  return chosen ? { inputPerMillion: chosen.inputPerMillion, outputPerMillion: chosen.outputPerMillion, currency: chosen.currency } : null;
}
