import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { disconnectDb } from "@/server/db";
import { timeDashboards, type QueryTiming } from "./dashboards";
import { createBenchTenant, makeRunDir, startBenchDb, type BenchDb } from "./env";
import { benchMetering, type MeteringResult } from "./metering";
import { memoryOf, runScenarios, warmUp, type AccountingCheck, type Measured, type OverheadContext, type Scenario } from "./overhead";
import { stopAll } from "./procs";
import { generateUsage, type Synth } from "./synth";
import { directTarget, startBareProxy, startOurGateway, startPortkey, startSim, type TargetName } from "./targets";
import { cpuMs } from "./procs";

// `npm run bench` (quick, under 3 minutes) or `npm run bench -- --full`.
// Prints the results as markdown tables and writes bench/results/<date>.json.
// Everything runs in a throwaway PostgreSQL and temporary folder under /tmp,
// removed at the end, whatever happens.

const full = process.argv.includes("--full");
const MODE = full
  ? { name: "full", warmUp: 10_000, pacedRate: 200, pacedAmount: 2_000, rounds: 3, satJson: 30_000, satStream: 20_000, satRounds: 2, meterEvents: 300_000, lagRate: 2_000, lagSeconds: 10, rows: 10_000_000, repeats: 9 }
  : { name: "quick", warmUp: 3_000, pacedRate: 200, pacedAmount: 500, rounds: 2, satJson: 6_000, satStream: 4_000, satRounds: 1, meterEvents: 50_000, lagRate: 2_000, lagSeconds: 2, rows: 1_000_000, repeats: 5 };

const log = (line: string) => process.stdout.write(`${line}\n`);
const f1 = (n: number | null | undefined) => (n === null || n === undefined || Number.isNaN(n) ? "–" : n.toFixed(n >= 100 ? 0 : n >= 10 ? 1 : 2));
const int = (n: number) => Math.round(n).toLocaleString("en");

let db: BenchDb | null = null;
let runDir = "";

async function main(): Promise<number> {
  const started = Date.now();
  runDir = makeRunDir();
  let client: pg.Client | null = null;
  try {
    log(`bench (${MODE.name}) in ${runDir}`);
    db = await startBenchDb(runDir);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const tenant = await createBenchTenant("bench");
    const quotas = fs.existsSync("server/quota/index.ts");

    // 1-2. Gateway overhead and the accounting check.
    log("1. gateway overhead (simulator at speed 0; direct / our gateway / Portkey)");
    const sim = await startSim();
    const ours = await startOurGateway({ databaseUrl: db.url, dataDir: path.join(runDir, "gateway"), simUrl: sim.url, key: tenant.key });
    const portkey = await startPortkey(sim.url);
    const bare = await startBareProxy(sim.url);
    const ctx: OverheadContext = { targets: { direct: directTarget(sim.url), bare, ours, portkey }, simUrl: sim.url, simPid: sim.child.pid, db: client, apiKeyId: tenant.apiKeyId, log };
    await warmUp(ctx, MODE.warmUp);
    await settleUsage(client, tenant.apiKeyId);
    // What the gateway burns with no traffic (health checks, metrics scrapes, flusher timer).
    const idle0 = cpuMs(ours.child!.pid);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const idleCpuMsPerS = (cpuMs(ours.child!.pid) - idle0) / 2;
    const checks: AccountingCheck[] = [];
    const r = MODE.pacedRate;
    const paced: Scenario[] = [
      { id: `json, ${r} req/s, 50 conns`, stream: false, connections: 50, rate: r, amount: MODE.pacedAmount },
      { id: `json, ${r} req/s, 200 conns`, stream: false, connections: 200, rate: r, amount: MODE.pacedAmount },
      { id: `stream, ${r} req/s, 50 conns`, stream: true, connections: 50, rate: r, amount: MODE.pacedAmount },
      { id: `stream, ${r} req/s, 200 conns`, stream: true, connections: 200, rate: r, amount: MODE.pacedAmount },
    ];
    const saturation: Scenario[] = [
      { id: "json, saturated, 50 conns", stream: false, connections: 50, rate: 0, amount: MODE.satJson },
      { id: "json, saturated, 200 conns", stream: false, connections: 200, rate: 0, amount: MODE.satJson },
      { id: "stream, saturated, 50 conns", stream: true, connections: 50, rate: 0, amount: MODE.satStream },
      ...(full ? [{ id: "stream, saturated, 200 conns", stream: true, connections: 200, rate: 0, amount: MODE.satStream }] : []),
    ];
    log(`  fixed load: ${r} req/s, ${MODE.pacedAmount} requests per run, ${MODE.rounds} rounds`);
    const pacedResults = await runScenarios(ctx, paced, MODE.rounds, checks);
    log("  saturation: closed loop");
    const satResults = await runScenarios(ctx, saturation, MODE.satRounds, checks);
    const memory = { ours: memoryOf(ours), portkey: memoryOf(portkey), bare: memoryOf(bare), simulator: memoryOf({ ...ctx.targets.direct, child: sim.child }) };
    await stopAll();

    // 3. Metering throughput.
    log("3. metering throughput (recorder into PostgreSQL)");
    const metering = await benchMetering({
      connectionString: db.url,
      journalDir: path.join(runDir, "meter-journal"),
      ids: { tenantId: tenant.tenantId, departmentId: tenant.departmentId, userId: tenant.userId, apiKeyId: tenant.apiKeyId },
      events: MODE.meterEvents,
      lagRate: MODE.lagRate,
      lagSeconds: MODE.lagSeconds,
    });

    // 4. Dashboards at scale.
    log(`4. dashboards over ${int(MODE.rows)} synthetic usage events`);
    const synth = await generateUsage(db.url, { rows: MODE.rows }, log);
    const dash = await timeDashboards(synth, MODE.repeats);

    const results = assemble({ started, quotas, idleCpuMsPerS, pacedResults, satResults, checks, memory, metering, synth, dash });
    const file = path.join("bench", "results", `${new Date().toISOString().slice(0, 10)}${full ? "" : "-quick"}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(results, null, 1)}\n`);
    log(`\n${render(results)}`);
    log(`results written to ${file} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    // Missed goals are results, not failures: the exit code reports errors only.
    return 0;
  } finally {
    await stopAll().catch(() => undefined);
    await client?.end().catch(() => undefined);
    await disconnectDb().catch(() => undefined);
    await db?.stop().catch((error: unknown) => log(`could not stop PostgreSQL: ${String(error)}`));
    db = null;
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

/** Waits until the gateway's journal has drained into PostgreSQL (the count stops moving). */
async function settleUsage(client: pg.Client, apiKeyId: string): Promise<void> {
  let last = -1;
  for (;;) {
    const n = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "UsageEvent" WHERE "apiKeyId" = $1`, [apiKeyId])).rows[0]!.n;
    if (n === last) return;
    last = n;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

type Goal = { goal: string; target: string; measured: string; met: boolean; by?: string };

function assemble(x: {
  started: number;
  quotas: boolean;
  idleCpuMsPerS: number;
  pacedResults: Measured[];
  satResults: Measured[];
  checks: AccountingCheck[];
  memory: Record<string, { rssMb: number; peakRssMb: number } | null>;
  metering: MeteringResult;
  synth: Synth;
  dash: { queries: QueryTiming[]; finance: string };
}) {
  const get = (rows: Measured[], scenario: string, t: TargetName) => rows.find((m) => m.scenario === scenario && m.target === t)!;
  const added = x.pacedResults
    .filter((m) => m.target !== "direct")
    .map((m) => {
      const d = get(x.pacedResults, m.scenario, "direct");
      return {
        scenario: m.scenario,
        target: m.target,
        p50: m.p50 - d.p50,
        p99: m.p99 - d.p99,
        ttftP50: m.ttftP50 !== null && d.ttftP50 !== null ? m.ttftP50 - d.ttftP50 : null,
        ttftP99: m.ttftP99 !== null && d.ttftP99 !== null ? m.ttftP99 - d.ttftP99 : null,
      };
    });
  const addedOf = (scenario: string, t: TargetName) => added.find((a) => a.scenario === scenario && a.target === t)!;
  const goals: Goal[] = [];
  for (const s of [...new Set(x.pacedResults.map((m) => m.scenario))]) {
    const o = addedOf(s, "ours");
    const p = addedOf(s, "portkey");
    if (s.startsWith("json")) {
      goals.push({ goal: `added p50 (${s})`, target: `< 1 ms and < Portkey's ${f1(p.p50)} ms`, measured: `${f1(o.p50)} ms`, met: o.p50 < 1 && o.p50 < p.p50, by: o.p50 >= 1 ? `${f1(o.p50 - 1)} ms over` : undefined });
      goals.push({ goal: `added p99 (${s})`, target: `< Portkey's ${f1(p.p99)} ms`, measured: `${f1(o.p99)} ms`, met: o.p99 < p.p99, by: o.p99 >= p.p99 ? `${f1(o.p99 - p.p99)} ms over` : undefined });
    } else {
      goals.push({ goal: `added TTFT p50 (${s})`, target: "< 2 ms", measured: `${f1(o.ttftP50)} ms (Portkey ${f1(p.ttftP50)} ms)`, met: (o.ttftP50 ?? Infinity) < 2, by: (o.ttftP50 ?? 0) >= 2 ? `${f1(o.ttftP50! - 2)} ms over` : undefined });
    }
  }
  for (const s of [...new Set(x.satResults.map((m) => m.scenario))]) {
    const o = get(x.satResults, s, "ours");
    const p = get(x.satResults, s, "portkey");
    const d = get(x.satResults, s, "direct");
    goals.push({ goal: `throughput (${s})`, target: `>= Portkey's ${int(p.rps)} req/s; direct ${int(d.rps)}`, measured: `${int(o.rps)} req/s`, met: o.rps >= p.rps, by: o.rps < p.rps ? `${int(p.rps - o.rps)} req/s short` : undefined });
  }
  const lost = x.checks.reduce((n, c) => n + c.lost, 0) + Math.max(0, x.metering.lost);
  const duplicated = x.checks.reduce((n, c) => n + c.duplicated, 0) + Math.max(0, -x.metering.lost);
  const tokensAgree = x.checks.every((c) => c.upstreamCompletionTokens === c.eventCompletionTokens && c.upstreamRequests === c.okEvents && c.events === c.sent);
  goals.push({
    goal: "every request metered",
    target: "0 lost, 0 duplicated; events = upstream requests, tokens agree",
    measured: `${int(x.checks.reduce((n, c) => n + c.events, 0))} events for ${int(x.checks.reduce((n, c) => n + c.sent, 0))} requests in ${x.checks.length} runs; ${lost} lost, ${duplicated} duplicated; tokens ${tokensAgree ? "agree" : "DISAGREE"}`,
    met: lost === 0 && duplicated === 0 && tokensAgree,
  });
  for (const q of x.dash.queries.filter((q) => Number.isFinite(q.goalMs))) {
    goals.push({ goal: `${q.name} at ${int(x.synth.rows)} rows`, target: `< ${q.goalMs} ms`, measured: q.error ? `error: ${q.error.slice(0, 80)}` : `${f1(q.warmMedianMs)} ms (cold ${f1(q.coldMs)})`, met: q.ok, by: !q.ok && !q.error ? `${f1(q.warmMedianMs - q.goalMs)} ms over` : undefined });
  }
  const cpuOf = (rows: Measured[], t: TargetName) => {
    const ms = rows.filter((m) => m.target === t);
    const reqs = ms.reduce((n, m) => n + m.requests + m.failed, 0);
    return ms.reduce((n, m) => n + (m.cpuMsPerRequest ?? 0) * (m.requests + m.failed), 0) / reqs;
  };
  return {
    date: new Date().toISOString(),
    mode: MODE.name,
    durationS: Math.round((Date.now() - x.started) / 1000),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "", node: process.version, loadavg: os.loadavg().map((n) => Number(n.toFixed(2))) },
    setup: {
      upstream: "sim --nodes 1 --speed 0 (own process)",
      request: "chat completion, 1 user message, max_tokens 16",
      quotas: x.quotas ? "on (server/quota present)" : "not in the gateway yet (server/quota absent when run)",
      metering: "on (journal fsync + PostgreSQL flusher)",
      postgres: "embedded PostgreSQL 18, fsync off (throwaway)",
      mode: MODE,
    },
    fixedLoad: x.pacedResults.map(round),
    saturation: x.satResults.map(round),
    added: added.map(round),
    cpuMsPerRequest: {
      ours: { fixedLoad: cpuOf(x.pacedResults, "ours"), saturated: cpuOf(x.satResults, "ours") },
      portkey: { fixedLoad: cpuOf(x.pacedResults, "portkey"), saturated: cpuOf(x.satResults, "portkey") },
      bare: { fixedLoad: cpuOf(x.pacedResults, "bare"), saturated: cpuOf(x.satResults, "bare") },
    },
    idleCpuMsPerS: { ours: x.idleCpuMsPerS },
    memory: x.memory,
    accounting: x.checks.map(round),
    metering: round(x.metering),
    dashboards: { rows: x.synth.rows, hourlyRows: x.synth.hourlyRows, generateS: x.synth.generateMs / 1000, rollupS: x.synth.rollupMs / 1000, finance: x.dash.finance, queries: x.dash.queries.map(round) },
    goals,
  };
}

function round<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? Number(v.toFixed(3)) : v === Infinity ? null : v))) as T;
}

type Results = ReturnType<typeof assemble>;

function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export function render(r: Results): string {
  const label = { direct: "direct", bare: "bare node proxy", ours: "our gateway", portkey: "Portkey" } as const;
  const addedOf = (s: string, t: string) => r.added.find((a) => a.scenario === s && a.target === t);
  const lines: string[] = [];
  lines.push(`### Gateway overhead, fixed load (${r.mode} mode, ${r.machine.cpus} cores, ${r.date.slice(0, 16)}Z)`);
  lines.push(table(
    ["scenario", "target", "req/s", "p50 ms", "p99 ms", "TTFT p50", "TTFT p99", "added p50", "added p99", "added TTFT p50"],
    r.fixedLoad.map((m) => {
      const a = addedOf(m.scenario, m.target);
      return [m.scenario, label[m.target], int(m.rps), f1(m.p50), f1(m.p99), f1(m.ttftP50), f1(m.ttftP99), a ? f1(a.p50) : "", a ? f1(a.p99) : "", a ? f1(a.ttftP50) : ""];
    }),
  ));
  lines.push("\n### Throughput at saturation (closed loop)");
  lines.push(table(["scenario", "target", "req/s", "p50 ms", "p99 ms", "TTFT p50", "CPU ms/req"], r.saturation.map((m) => [m.scenario, label[m.target], int(m.rps), f1(m.p50), f1(m.p99), f1(m.ttftP50), f1(m.cpuMsPerRequest)])));
  lines.push("\n### Gateway process");
  lines.push(table(
    ["process", "CPU ms/req (fixed load)", "CPU ms/req (saturated)", "RSS MB (end)", "peak RSS MB"],
    (["ours", "portkey", "bare"] as const).map((t) => [label[t], f1(r.cpuMsPerRequest[t].fixedLoad), f1(r.cpuMsPerRequest[t].saturated), f1(r.memory[t]?.rssMb), f1(r.memory[t]?.peakRssMb)]),
  ));
  lines.push(`Our gateway idle: ${f1(r.idleCpuMsPerS.ours)} ms of CPU per second with no traffic (health checks, scrapes, flusher).`);
  const sent = r.accounting.reduce((n, c) => n + c.sent, 0);
  const events = r.accounting.reduce((n, c) => n + c.events, 0);
  lines.push(`\n### Accounting: ${r.accounting.length} runs through our gateway, ${int(sent)} requests, ${int(events)} usage events, ${r.accounting.reduce((n, c) => n + c.lost, 0)} lost, ${r.accounting.reduce((n, c) => n + c.duplicated, 0)} duplicated, slowest drain ${f1(Math.max(...r.accounting.map((c) => c.flushMs)))} ms`);
  const m = r.metering;
  lines.push("\n### Metering (recorder into PostgreSQL)");
  lines.push(table(["events", "journaled/s", "stored/s (end to end)", `lag at ${int(m.lag.rate)}/s p50`, "lag p99", "lag max", "lost"], [[int(m.events), int(m.journalPerSecond), int(m.storedPerSecond), `${f1(m.lag.p50Ms)} ms`, `${f1(m.lag.p99Ms)} ms`, `${f1(m.lag.maxMs)} ms`, m.lost]]));
  const d = r.dashboards;
  lines.push(`\n### Dashboards over ${int(d.rows)} usage events (${int(d.hourlyRows)} hourly rollup rows; generated in ${f1(d.generateS)} s, rolled up in ${f1(d.rollupS)} s)`);
  lines.push(`${d.finance}`);
  lines.push(table(["query", "reads", "rollup", "cold ms", "warm median ms", "goal"], d.queries.map((q) => [q.name, q.reads, q.rollup ? "yes" : "no", q.error ? `error` : f1(q.coldMs), q.error ? q.error.slice(0, 60) : f1(q.warmMedianMs), q.goalMs ? (q.goalMs === null ? "–" : `< ${q.goalMs}`) : "–"])));
  lines.push("\n### Goals");
  lines.push(table(["goal", "target", "measured", "met"], r.goals.map((g) => [g.goal, g.target, g.measured, g.met ? "yes" : `**no**${g.by ? ` (${g.by})` : ""}`])));
  return lines.join("\n");
}

let exitCode = 1;
const interrupted = () => {
  log("interrupted: stopping children and PostgreSQL");
  void stopAll()
    .then(() => db?.stop())
    .catch(() => undefined)
    .finally(() => {
      if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
      process.exit(130);
    });
};
process.once("SIGINT", interrupted);
process.once("SIGTERM", interrupted);
main()
  .then((code) => {
    exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    exitCode = 1;
  })
  .finally(() => process.exit(exitCode));
