import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { createKeyCache } from "@/server/auth/api-keys";
import { createClusterPool } from "@/server/cluster";
import { setClusterPool } from "@/server/cluster/runtime";
import { closeUpstreams, createGatewayHandler, DEFAULT_BODY_LIMIT, type GatewayDeps } from "@/server/gateway";
import { registry, watchRuntime } from "@/server/gateway/metrics";
import { setGatewayRuntime } from "@/server/gateway/runtime";
import { createRecorder } from "@/server/metering";
import { createQuotaGate } from "@/server/quota";

export type DataPlane = {
  deps: GatewayDeps;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  metrics(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stop(): Promise<void>;
};

const bodyLimit = () => Number(process.env.GATEWAY_BODY_LIMIT ?? DEFAULT_BODY_LIMIT);

// Everything a gateway process needs: the node pool, the key cache and the
// usage recorder (whose journal replays whatever a previous run left).
export async function startDataPlane(opts: { connectionString: string; dataDir: string }): Promise<DataPlane> {
  const recorder = await createRecorder({ journalDir: path.join(opts.dataDir, "journal"), connectionString: opts.connectionString });
  const keys = await createKeyCache({ connectionString: opts.connectionString });
  const pool = createClusterPool();
  await pool.start();
  setClusterPool(pool);
  const quotas = await createQuotaGate({ connectionString: opts.connectionString });
  const deps: GatewayDeps = { pool, recorder, keys, bodyLimit: bodyLimit(), quotas };
  setGatewayRuntime(deps);
  watchRuntime(pool, recorder);
  const handle = createGatewayHandler(deps);
  const metricsToken = process.env.METRICS_TOKEN;
  return {
    deps,
    handle,
    async metrics(req, res) {
      if (metricsToken && req.headers.authorization !== `Bearer ${metricsToken}`) {
        res.writeHead(401).end();
        return;
      }
      const body = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType }).end(body);
    },
    async stop() {
      setGatewayRuntime(null);
      setClusterPool(null);
      await pool.stop();
      await keys.close();
      await recorder.close();
      await quotas.close();
      await closeUpstreams();
    },
  };
}
