/** The simulator's public surface: start nodes in-process, inject faults, read what they served. */
export { startSimCluster, type SimCluster, type SimClusterOptions } from "./cluster";
export { startSimNode, DEFAULT_MAX_MODEL_LEN, DEFAULT_MODEL, type SimNode, type SimNodeOptions } from "./node";
export type { Faults, ActiveFaults } from "./faults";
export type { SimStats } from "./delivery";
export type { Precision } from "./timing";
