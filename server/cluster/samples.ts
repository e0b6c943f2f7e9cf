import { getDb } from "@/server/db";

export type SampleRow = {
  nodeId: string;
  at: Date;
  healthy: boolean;
  running: number | null;
  waiting: number | null;
  kvCacheUse: number | null;
  powerWatts: number | null;
  gpuUtil: number | null;
};

/**
 * Inserts one batch of samples unless another process (every gateway replica
 * runs a pool) wrote one less than minGapMs ago: the energy cost sums these
 * rows, so each moment must be counted once. The transaction lock makes the
 * check and the insert one step across processes. Returns the rows written.
 */
export async function writeSamples(rows: readonly SampleRow[], minGapMs: number): Promise<number> {
  if (rows.length === 0) return 0;
  return getDb().$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext('cluster_node_samples')) AS locked`;
    if (!lock?.locked) return 0;
    const first = rows[0]!;
    const latest = await tx.clusterNodeSample.findFirst({ where: { nodeId: first.nodeId }, orderBy: { at: "desc" }, select: { at: true } });
    if (latest && first.at.getTime() - latest.at.getTime() < minGapMs) return 0;
    const { count } = await tx.clusterNodeSample.createMany({ data: [...rows] });
    return count;
  });
}

const MAX_SAMPLES = 2_000;

/** A node's samples since a moment, oldest first, for a chart. */
export async function listSamples(nodeId: string, since: Date) {
  const rows = await getDb().clusterNodeSample.findMany({
    where: { nodeId, at: { gte: since } },
    orderBy: { at: "desc" },
    take: MAX_SAMPLES,
    select: { at: true, healthy: true, running: true, waiting: true, kvCacheUse: true, powerWatts: true, gpuUtil: true },
  });
  return rows.reverse();
}
