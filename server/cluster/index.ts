export { createClusterPool } from "./pool";
export { getClusterPool, setClusterPool } from "./runtime";
export { createNode, listNodes, registerNodes, setNodeEnabled, updateNode } from "./nodes";
export { nodeChanges, nodeFields, type NodeChanges, type NodeSpec } from "./node-spec";
export { listNodeOverview, type NodeLiveStatus } from "./overview";
export { listSamples } from "./samples";
export { isConnectionRefused } from "./breaker";
export type { BreakerState, ClusterPool, ClusterPoolOptions, NodeRef, NodeStatus } from "./types";
