/** Several simulated nodes in one process: the reference 4 x RTX 4090D cluster by default. */
import type { Faults } from "./faults";
import { startSimNode, type SimNode, type SimNodeOptions } from "./node";

export interface SimClusterOptions extends Omit<SimNodeOptions, "port" | "faults" | "name"> {
  nodes?: number;
  /** Node i listens on basePort + i; 0 (the default) picks free ports. */
  basePort?: number;
  /** One set of faults for every node, or one per node (by index). */
  faults?: Faults | Faults[];
}

export interface SimCluster {
  nodes: SimNode[];
  stop(): Promise<void>;
}

export async function startSimCluster(options: SimClusterOptions = {}): Promise<SimCluster> {
  const { nodes: count = 4, basePort = 0, faults, ...shared } = options;
  const nodes: SimNode[] = [];
  try {
    for (let i = 0; i < count; i++) {
      nodes.push(
        await startSimNode({
          ...shared,
          port: basePort === 0 ? 0 : basePort + i,
          faults: Array.isArray(faults) ? faults[i] : faults,
          name: `sim-node-${i}`,
        }),
      );
    }
  } catch (error) {
    await Promise.all(nodes.map((node) => node.stop()));
    throw error;
  }
  return {
    nodes,
    stop: async () => {
      await Promise.all(nodes.map((node) => node.stop()));
    },
  };
}
