import type { ClusterPool, NodeRef } from "@/server/cluster";
import { AppError } from "@/server/errors";
import { isConnectFailure, postUpstream, type UpstreamResponse } from "./upstream";

export type Dispatched = { node: NodeRef; response: UpstreamResponse; release: () => void };

const MAX_ATTEMPTS = 2;

// Healthy nodes that are all at their concurrency limit mean "busy, retry",
// not "down": the client is told so.
function noNode(pool: ClusterPool, model: string): AppError {
  const busy = pool.snapshot().some((n) => n.model === model && n.enabled && n.healthy && n.breaker !== "open");
  if (busy) return new AppError("TOO_MANY_REQUESTS", `Every node serving '${model}' is at its concurrency limit; retry shortly`, { reason: "cluster_busy" });
  return unavailable(model);
}

const unavailable = (model: string) =>
  new AppError("UNAVAILABLE", `No healthy node is serving the model '${model}' right now; try again shortly`, { reason: "no_healthy_node" });

// Sends the request to the best node and, if that node refuses or fails
// before answering, once more to another. Nothing has reached the client at
// this point, so the retry is invisible to it.
export async function dispatch(
  pool: ClusterPool,
  model: string,
  path: string,
  body: string | Buffer,
  requestId: string,
  signal: AbortSignal,
): Promise<Dispatched> {
  const tried = new Set<string>();
  let lastError: AppError | null = null;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const node = pool.pick(model, tried);
    if (!node) break;
    tried.add(node.id);
    const release = pool.begin(node.id);
    try {
      const response = await postUpstream(node.baseUrl, path, body, requestId, signal);
      if (response.statusCode < 500) return { node, response, release };
      await response.body.dump();
      pool.reportFailure(node.id, `HTTP ${response.statusCode}`);
      lastError = new AppError("UNAVAILABLE", `The model server failed (HTTP ${response.statusCode}); try again`, { reason: "upstream_error" });
    } catch (error) {
      release();
      if (signal.aborted) throw error;
      pool.reportFailure(node.id, (error as { code?: string }).code ?? "request failed");
      if (!isConnectFailure(error)) throw error;
      lastError = new AppError("UNAVAILABLE", "The model server could not be reached; try again", { reason: "upstream_unreachable" });
      continue;
    }
    release();
  }
  throw lastError ?? noNode(pool, model);
}
