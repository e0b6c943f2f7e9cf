import { registerNodes } from "@/server/cluster";
import { getDb } from "@/server/db";
import { DEFAULT_MAX_MODEL_LEN, DEFAULT_MODEL, startSimCluster, type SimCluster } from "@/sim";

const SIM_PREFIX = "sim-";

// Without a real cluster, the portal brings up the simulated 4 x RTX 4090D
// cluster in-process and registers it, so the demo works end to end. A real
// node added by a platform admin turns this off on the next start.
export async function startDemoClusterIfNeeded(): Promise<SimCluster | null> {
  const count = Number(process.env.SIM_NODES ?? 4);
  if (count === 0) return null;
  const nodes = await getDb().clusterNode.findMany({ where: { enabled: true }, select: { name: true } });
  if (nodes.some((n) => !n.name.startsWith(SIM_PREFIX))) return null;
  const cluster = await startSimCluster({
    nodes: count,
    basePort: Number(process.env.SIM_BASE_PORT ?? 0),
    speed: Number(process.env.SIM_SPEED ?? 1),
  });
  await registerNodes(
    cluster.nodes.map((node, i) => ({
      name: `${SIM_PREFIX}${i + 1}`,
      baseUrl: node.url,
      model: DEFAULT_MODEL,
      maxModelLen: DEFAULT_MAX_MODEL_LEN,
      gpuModel: "RTX 4090D (simulated)",
      gpuCount: 1,
      idleWatts: 25,
      loadWatts: 250,
    })),
  );
  return cluster;
}
