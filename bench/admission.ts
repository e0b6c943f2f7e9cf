// The admission check's added latency with quotas on, compared with quotas
// off, at 200 concurrent requests through the real data plane in front of
// instant simulated nodes. Standalone:
//   npx tsx bench/admission.ts [--concurrency 200] [--seconds 10] [--out bench/results/admission.json]
// Uses DATABASE_URL if set, otherwise a throwaway embedded PostgreSQL.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Agent, request } from "undici";
import { registerNodes } from "@/server/cluster";
import { startDataPlane } from "@/server/data-plane";
import { disconnectDb, getDb } from "@/server/db";
import { prepareDatabase } from "@/server/db/bootstrap";
import { newKey } from "@/server/gateway/testing/harness";
import { setQuota } from "@/server/quota";
import { createTenantFixture } from "@/server/trpc/testing/fixtures";
import { DEFAULT_MODEL, startSimCluster } from "@/sim";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const CONCURRENCY = Number(arg("concurrency", "200"));
const SECONDS = Number(arg("seconds", "10"));
const OUT = arg("out", "");

type Run = { label: string; requests: number; errors: number; rps: number; p50: number; p90: number; p99: number; mean: number };

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function load(label: string, url: string, key: string): Promise<Run> {
  const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000 });
  const body = JSON.stringify({ model: DEFAULT_MODEL, messages: [{ role: "user", content: "Say hi." }], max_tokens: 4 });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const res = await request(`${url}/v1/chat/completions`, { method: "POST", dispatcher: agent, headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body });
      await res.body.dump();
      latencies.push(performance.now() - t0);
      if (res.statusCode !== 200) errors++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await agent.close();
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((s, x) => s + x, 0) / latencies.length;
  return { label, requests: latencies.length, errors, rps: latencies.length / elapsed, p50: pct(latencies, 50), p90: pct(latencies, 90), p99: pct(latencies, 99), mean };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-admission-"));
  // Embedded PostgreSQL may run as another user.
  fs.chmodSync(dataDir, 0o777);
  const database = await prepareDatabase({ dataDir: path.join(dataDir, "pg") });
  const sim = await startSimCluster({ nodes: 4, basePort: 0, speed: 0 });
  await registerNodes(sim.nodes.map((n, i) => ({ name: `bench-admission-${Date.now()}-${i}`, baseUrl: n.url, model: DEFAULT_MODEL })));
  const plane = await startDataPlane({ connectionString: database.url, dataDir: path.join(dataDir, "gw") });
  const server = http.createServer((req, res) => void plane.handle(req, res));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    // Quotas off: a tenant whose department has none (admitted without a round trip).
    const off = await createTenantFixture("bench-off");
    const offKey = await newKey(off);
    // Quotas on: a department budget, a member budget inside it and rate limits, all generous.
    const on = await createTenantFixture("bench-on");
    const onKey = await newKey(on);
    const actor = { userId: null, tenantId: on.tenantId };
    await setQuota(actor, { departmentId: on.departmentIds[0], tokenLimit: 1_000_000_000, rpm: 10_000_000, tpm: 1_000_000_000 });
    await setQuota(actor, { departmentId: on.departmentIds[0], scope: "MEMBER", userId: on.member.userId, tokenLimit: 1_000_000_000 });
    await plane.deps.quotas!.refresh();

    await load("warm-up", url, offKey);
    await load("warm-up", url, onKey);
    const runs = [await load("quotas off", url, offKey), await load("quotas on", url, onKey), await load("quotas off (again)", url, offKey), await load("quotas on (again)", url, onKey)];
    await plane.deps.recorder.flush();
    const [counter] = await getDb().$queryRaw<{ used: bigint; reserved: bigint }[]>`SELECT sum("usedTokens") AS used, sum("reservedTokens") AS reserved FROM "QuotaCounter" WHERE "tenantId" = ${on.tenantId}::uuid`;

    const offAvg = (runs[0]!.p50 + runs[2]!.p50) / 2;
    const onAvg = (runs[1]!.p50 + runs[3]!.p50) / 2;
    const result = {
      benchmark: "quota admission",
      concurrency: CONCURRENCY,
      seconds: SECONDS,
      runs,
      addedP50Ms: onAvg - offAvg,
      addedP99Ms: (runs[1]!.p99 + runs[3]!.p99) / 2 - (runs[0]!.p99 + runs[2]!.p99) / 2,
      quotaCounter: { usedTokens: counter?.used?.toString() ?? "0", reservedTokens: counter?.reserved?.toString() ?? "0" },
      cpus: os.cpus().length,
      at: new Date().toISOString(),
    };
    console.log(`\nQuota admission at ${CONCURRENCY} concurrent requests, ${SECONDS}s per run\n`);
    console.table(runs.map((r) => ({ run: r.label, requests: r.requests, errors: r.errors, "req/s": r.rps.toFixed(0), "p50 ms": r.p50.toFixed(2), "p90 ms": r.p90.toFixed(2), "p99 ms": r.p99.toFixed(2) })));
    console.log(`added by admission: p50 ${result.addedP50Ms.toFixed(2)} ms, p99 ${result.addedP99Ms.toFixed(2)} ms`);
    if (OUT) fs.writeFileSync(OUT, JSON.stringify(result, null, 2));
    else console.log(JSON.stringify(result));
  } finally {
    server.closeAllConnections();
    server.close();
    await plane.stop();
    await sim.stop();
    await disconnectDb();
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
