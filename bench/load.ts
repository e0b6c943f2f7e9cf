import { Client } from "undici";

// The load generator: one undici Client per connection, so that the number
// of open connections is exactly what a run asks for, and hrtime-precise
// latencies (autocannon rounds them to whole milliseconds, and its rate limit
// sends each second's requests in one burst). Every request is timed from
// the moment it is handed to its connection; streams also record the time
// to the first `data:` chunk.

export type LoadSpec = {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  stream: boolean;
  connections: number;
  /** Requests to send in all. */
  amount: number;
  /** Requests per second, paced over all connections; 0 = closed loop (each connection sends back to back). */
  rate: number;
};

export type LoadResult = {
  sent: number;
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  errors: string[];
  /** Whole request, ms, one entry per 2xx. */
  latencies: Float64Array;
  /** Time to the first `data:` chunk (streams only), ms. */
  ttfts: Float64Array;
  wallMs: number;
  /** How far the paced schedule fell behind at worst (ms): large values mean the target could not keep up. */
  maxLagMs: number;
};

const now = () => performance.now();

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const clients = Array.from({ length: spec.connections }, () => new Client(spec.origin, { pipelining: 1, keepAliveTimeout: 60_000 }));
  const headers = { "content-type": "application/json", ...spec.headers };
  const latencies = new Float64Array(spec.amount);
  const ttfts = new Float64Array(spec.stream ? spec.amount : 0);
  const statuses: Record<string, number> = {};
  const errors: string[] = [];
  let ok = 0;
  let failed = 0;
  let maxLagMs = 0;

  async function one(client: Client): Promise<void> {
    const start = now();
    try {
      const res = await client.request({ method: "POST", path: spec.path, headers, body: spec.body });
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      let first = -1;
      if (spec.stream) {
        for await (const chunk of res.body as AsyncIterable<Buffer>) {
          if (first < 0 && chunk.includes("data:")) first = now() - start;
        }
      } else {
        await res.body.dump({ limit: Infinity });
      }
      if (res.statusCode >= 200 && res.statusCode < 300) {
        if (spec.stream) ttfts[ok] = first;
        latencies[ok++] = now() - start;
      } else failed++;
    } catch (error) {
      failed++;
      if (errors.length < 5) errors.push(String((error as Error).message ?? error));
    }
  }

  // Warm every connection once (not counted), so that connection set-up is
  // not part of any measured latency.
  await Promise.all(clients.map(async (c) => {
    const res = await c.request({ method: "POST", path: spec.path, headers, body: spec.body });
    await res.body.dump({ limit: Infinity });
  }));

  const t0 = now();
  if (spec.rate > 0) {
    // Open loop: request k is due at t0 + k / rate, on connection k mod C.
    const inflight: Promise<void>[] = [];
    const interval = 1000 / spec.rate;
    let k = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const t = now() - t0;
        while (k < spec.amount && k * interval <= t) {
          maxLagMs = Math.max(maxLagMs, t - k * interval);
          inflight.push(one(clients[k % clients.length]!));
          k++;
        }
        if (k >= spec.amount) resolve();
        else setTimeout(tick, Math.max(0, Math.min(1, k * interval - t)));
      };
      tick();
    });
    await Promise.all(inflight);
  } else {
    let next = 0;
    await Promise.all(clients.map(async (client) => {
      while (next < spec.amount) {
        next++;
        await one(client);
      }
    }));
  }
  const wallMs = now() - t0;
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  return {
    sent: spec.amount,
    ok,
    failed,
    statuses,
    errors,
    latencies: latencies.slice(0, ok),
    ttfts: ttfts.slice(0, spec.stream ? ok : 0),
    wallMs,
    maxLagMs,
  };
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function sortedCopy(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}
