import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { ClusterPool } from "@/server/cluster";
import type { Recorder, UsageEventInput } from "@/server/metering";

// The portal's own Prometheus metrics, scraped at /metrics.
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "portal_" });

const requests = new Counter({
  name: "portal_gateway_requests_total",
  help: "Requests the gateway accounted for, by endpoint, status and source",
  labelNames: ["endpoint", "status", "source"] as const,
  registers: [registry],
});
const tokens = new Counter({
  name: "portal_gateway_tokens_total",
  help: "Tokens accounted for, by kind and by how they were known",
  labelNames: ["kind", "token_source"] as const,
  registers: [registry],
});
const refusals = new Counter({
  name: "portal_gateway_refusals_total",
  help: "Requests refused before they counted as usage, by cause",
  labelNames: ["cause"] as const,
  registers: [registry],
});
const duration = new Histogram({
  name: "portal_gateway_request_duration_seconds",
  help: "Time from request to last byte",
  labelNames: ["endpoint", "stream"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  registers: [registry],
});
const ttft = new Histogram({
  name: "portal_gateway_time_to_first_token_seconds",
  help: "Time from request to first byte sent to the client",
  labelNames: ["endpoint", "stream"] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export function observeUsage(e: UsageEventInput): void {
  requests.inc({ endpoint: e.endpoint, status: e.status, source: e.source });
  tokens.inc({ kind: "prompt", token_source: e.tokenSource }, e.promptTokens);
  tokens.inc({ kind: "completion", token_source: e.tokenSource }, e.completionTokens);
  const labels = { endpoint: e.endpoint, stream: String(e.stream) };
  duration.observe(labels, e.totalMs / 1000);
  if (e.ttftMs !== null) ttft.observe(labels, e.ttftMs / 1000);
}

export function observeRefusal(cause: string): void {
  refusals.inc({ cause });
}

// Read at scrape time from the live pool and recorder of this process.
export function watchRuntime(pool: ClusterPool, recorder: Recorder): void {
  registry.removeSingleMetric("portal_cluster_node_up");
  registry.removeSingleMetric("portal_cluster_node_outstanding");
  registry.removeSingleMetric("portal_metering_journal_backlog");
  new Gauge({
    name: "portal_cluster_node_up",
    help: "1 when the node is healthy and its circuit breaker closed",
    labelNames: ["node"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const n of pool.snapshot()) this.set({ node: n.name }, n.enabled && n.healthy && n.breaker === "closed" ? 1 : 0);
    },
  });
  new Gauge({
    name: "portal_cluster_node_outstanding",
    help: "Requests in flight to the node from this process",
    labelNames: ["node"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const n of pool.snapshot()) this.set({ node: n.name }, n.outstanding);
    },
  });
  new Gauge({
    name: "portal_metering_journal_backlog",
    help: "Usage events journaled but not yet in PostgreSQL",
    registers: [registry],
    collect() {
      this.set(recorder.stats().backlog);
    },
  });
}
