import { listNodes } from "./nodes";
import { getClusterPool } from "./runtime";
import type { NodeStatus } from "./types";

export type NodeLiveStatus = Omit<NodeStatus, "id" | "name" | "baseUrl" | "model" | "maxModelLen" | "weight" | "maxConcurrency" | "enabled">;

/**
 * The nodes as stored, each with what this process's pool knows of it; live
 * is null where no pool runs here or it has not loaded the node yet.
 */
export async function listNodeOverview() {
  const rows = await listNodes();
  const live = new Map((getClusterPool()?.snapshot() ?? []).map((s) => [s.id, s]));
  return rows.map((row) => {
    const s = live.get(row.id);
    const status: NodeLiveStatus | null = s
      ? {
          healthy: s.healthy,
          breaker: s.breaker,
          outstanding: s.outstanding,
          running: s.running,
          waiting: s.waiting,
          kvCacheUse: s.kvCacheUse,
          powerWatts: s.powerWatts,
          gpuUtil: s.gpuUtil,
          lastCheckAt: s.lastCheckAt,
          lastError: s.lastError,
        }
      : null;
    return { ...row, live: status };
  });
}
