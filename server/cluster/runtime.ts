import type { ClusterPool } from "./types";

// Next bundles its own copy of this module, apart from the one the custom
// server imports; a global symbol is what both copies share.
const KEY = Symbol.for("inference-cost-portal.cluster-pool");
const holder = globalThis as unknown as Record<symbol, ClusterPool | null | undefined>;

/** Made by the process that runs the pool (the portal or a gateway) once it started. */
export function setClusterPool(pool: ClusterPool | null): void {
  holder[KEY] = pool;
}

export function getClusterPool(): ClusterPool | null {
  return holder[KEY] ?? null;
}
