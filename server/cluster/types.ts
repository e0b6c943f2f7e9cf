export type NodeRef = {
  id: string;
  name: string;
  baseUrl: string;
  model: string;
  maxModelLen: number;
  weight: number;
  maxConcurrency: number;
};

export type BreakerState = "closed" | "open" | "half_open";

export type NodeStatus = NodeRef & {
  enabled: boolean;
  healthy: boolean;
  breaker: BreakerState;
  outstanding: number;
  running: number | null;
  waiting: number | null;
  kvCacheUse: number | null;
  powerWatts: number | null;
  gpuUtil: number | null;
  lastCheckAt: Date | null;
  lastError: string | null;
};

export interface ClusterPool {
  /** Loads the nodes, checks their health once, then starts the health, metrics and sample loops and LISTEN. */
  start(): Promise<void>;
  /** Stops every loop and connection and waits for work in progress. */
  stop(): Promise<void>;
  /** The models enabled nodes serve, from memory. */
  models(): { id: string; maxModelLen: number }[];
  /** A healthy node of the model with room, lowest (outstanding + 1) / weight; null when none. */
  pick(model: string, exclude?: ReadonlySet<string>): NodeRef | null;
  /** Counts a request against the node; the returned function ends it (idempotent). */
  begin(nodeId: string): () => void;
  reportSuccess(nodeId: string): void;
  /** Connection refused, 5xx or a timeout before the first byte. */
  reportFailure(nodeId: string, reason: string): void;
  snapshot(): NodeStatus[];
  /** Reloads the nodes from the database. */
  refresh(): Promise<void>;
}

export type ClusterPoolOptions = {
  healthIntervalMs?: number;
  metricsIntervalMs?: number;
  sampleIntervalMs?: number;
  /** Timeout of each /health and /metrics request. */
  requestTimeoutMs?: number;
  /** Safety net for lost notifications. */
  reloadIntervalMs?: number;
  breaker?: { failures?: number; coolDownMs?: number };
  now?: () => number;
};
