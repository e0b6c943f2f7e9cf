import { getDb } from "@/server/db";
import { dec, integratePowerSamples, sum, type Decimal, type PowerSample } from "@/server/economics";

/** Samples further apart than this are a scrape outage, not a line to draw. */
export const MAX_SAMPLE_GAP_MS = 5 * 60_000;
/** Measured energy replaces the assumed power only when samples cover this much of the period on every node. */
export const MIN_COVERAGE = 0.95;

export type MeasuredEnergy =
  | { kwh: Decimal; coverage: number; nodes: number; reason?: undefined }
  | { kwh: null; coverage: number; nodes: number; reason: "noSamples" | "lowCoverage" };

/**
 * The cluster's IT energy over [from, until) from node power samples, each
 * node integrated on its own (trapezoids; gaps left out), then scaled up by
 * its coverage. When any node's samples cover less than MIN_COVERAGE of the
 * period the caller falls back to the cost model's assumed power.
 */
export async function measuredEnergy(from: Date, until: Date): Promise<MeasuredEnergy> {
  const rows = await getDb().clusterNodeSample.findMany({
    where: { at: { gte: from, lt: until }, powerWatts: { not: null } },
    select: { nodeId: true, at: true, powerWatts: true },
    orderBy: { at: "asc" },
  });
  const byNode = new Map<string, PowerSample[]>();
  for (const r of rows) {
    const list = byNode.get(r.nodeId) ?? [];
    list.push([r.at.getTime(), r.powerWatts!]);
    byNode.set(r.nodeId, list);
  }
  const span = until.getTime() - from.getTime();
  if (byNode.size === 0 || span <= 0) return { kwh: null, coverage: 0, nodes: 0, reason: "noSamples" };
  const nodes = [...byNode.values()].map((samples) => integratePowerSamples(samples, { maxGapMs: MAX_SAMPLE_GAP_MS }));
  const coverage = Math.min(...nodes.map((n) => n.coveredMs / span));
  if (coverage < MIN_COVERAGE) return { kwh: null, coverage, nodes: nodes.length, reason: "lowCoverage" };
  const kwh = sum(nodes.map((n) => n.kwh.times(span).div(dec(n.coveredMs))));
  return { kwh, coverage, nodes: nodes.length };
}
