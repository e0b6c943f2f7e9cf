import { randomUUID } from "node:crypto";
import pg from "pg";
import { createRecorder, type UsageEventInput } from "@/server/metering";
import { percentile } from "./load";

// The usage recorder on its own (server/metering createRecorder: fsync'd
// journal, then batched INSERT ... UNNEST with the hourly rollup in the same
// statement): how many events per second it sustains into PostgreSQL, and
// how long an event waits between the end of its request and its durable row.

export type MeteringResult = {
  events: number;
  journalPerSecond: number;
  storedPerSecond: number;
  lag: { rate: number; samples: number; p50Ms: number; p99Ms: number; maxMs: number };
  lost: number;
};

function event(ids: { tenantId: string; departmentId: string; userId: string; apiKeyId: string }): UsageEventInput {
  const now = new Date();
  return {
    requestId: randomUUID(),
    ...ids,
    nodeId: null,
    model: "Qwen/Qwen2.5-7B-Instruct",
    endpoint: "chat.completions",
    source: "api",
    stream: false,
    promptTokens: 31,
    completionTokens: 16,
    cachedTokens: 0,
    tokenSource: "upstream",
    status: "ok",
    httpStatus: 200,
    queueMs: 0,
    ttftMs: 1,
    totalMs: 2,
    cost: null,
    startedAt: now,
    endedAt: now,
  };
}

export async function benchMetering(opts: { connectionString: string; journalDir: string; ids: { tenantId: string; departmentId: string; userId: string; apiKeyId: string }; events: number; lagRate: number; lagSeconds: number }): Promise<MeteringResult> {
  const recorder = await createRecorder({ journalDir: opts.journalDir, connectionString: opts.connectionString });
  const client = new pg.Client({ connectionString: opts.connectionString });
  await client.connect();
  try {
    const count = async () => (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "UsageEvent" WHERE "apiKeyId" = $1`, [opts.ids.apiKeyId])).rows[0]!.n;
    const before = await count();

    // 1. Sustained: as fast as the journal takes them, 2,000 in flight.
    const base = recorder.stats().written;
    const t0 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 2_000 }, async () => {
      while (next < opts.events) {
        next++;
        await recorder.record(event(opts.ids));
      }
    }));
    const journalMs = performance.now() - t0;
    while (recorder.stats().written - base < opts.events && performance.now() - t0 < 120_000) await sleep(10);
    await recorder.flush();
    const storedMs = performance.now() - t0;

    // 2. Lag at a steady rate: every 10th event is watched until its row is there.
    const watched = new Map<string, number>();
    const lags: number[] = [];
    const total = Math.round(opts.lagRate * opts.lagSeconds);
    let stop = false;
    let giveUpAt = Infinity;
    const poller = (async () => {
      while ((!stop || watched.size > 0) && performance.now() < giveUpAt) {
        if (watched.size > 0) {
          const ids = [...watched.keys()];
          const found = await client.query<{ requestId: string }>(`SELECT "requestId" FROM "UsageEvent" WHERE "requestId" = ANY($1)`, [ids]);
          const seen = performance.now();
          for (const r of found.rows) {
            lags.push(seen - watched.get(r.requestId)!);
            watched.delete(r.requestId);
          }
        }
        await sleep(5);
      }
    })();
    const start = performance.now();
    for (let k = 0; k < total; k++) {
      const due = start + (k * 1000) / opts.lagRate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const e = event(opts.ids);
      if (k % 10 === 0) watched.set(e.requestId, performance.now());
      void recorder.record(e);
    }
    stop = true;
    giveUpAt = performance.now() + 15_000;
    await poller;
    await recorder.flush();
    const after = await count();
    const sorted = Float64Array.from(lags).sort();
    return {
      events: opts.events,
      journalPerSecond: (opts.events / journalMs) * 1000,
      storedPerSecond: (opts.events / storedMs) * 1000,
      lag: { rate: opts.lagRate, samples: lags.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) ?? NaN },
      lost: opts.events + total - (after - before),
    };
  } finally {
    await client.end();
    await recorder.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
