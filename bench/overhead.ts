import pg from "pg";
import { request } from "undici";
import { percentile, runLoad, sortedCopy, type LoadResult } from "./load";
import { cpuMs, memoryMb } from "./procs";
import { chatBody, type Target, type TargetName } from "./targets";

// Gateway overhead: the same load against the simulator directly, through
// our gateway and through Portkey, target after target within each round
// (the order rotates every round), so that drift on this shared machine hits
// all three alike. After every run through our gateway the usage events are
// counted against the requests it answered.

export type Scenario = { id: string; stream: boolean; connections: number; rate: number; amount: number };

export type Measured = {
  scenario: string;
  target: TargetName;
  requests: number;
  failed: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  ttftP50: number | null;
  ttftP99: number | null;
  maxScheduleLagMs: number;
  cpuMsPerRequest: number | null;
};

export type AccountingCheck = {
  run: string;
  sent: number;
  answered: number;
  events: number;
  okEvents: number;
  upstreamRequests: number;
  upstreamCompletionTokens: number;
  eventCompletionTokens: number;
  lost: number;
  duplicated: number;
  flushMs: number;
};

export type OverheadContext = {
  targets: Record<TargetName, Target>;
  simUrl: string;
  simPid: number;
  db: pg.Client;
  apiKeyId: string;
  log: (line: string) => void;
};

type Pending = { latencies: Float64Array[]; ttfts: Float64Array[]; ok: number; failed: number; wallMs: number; cpuMs: number; lag: number };

async function simStats(simUrl: string): Promise<{ requests: number; completionTokens: number }> {
  const res = await request(`${simUrl}/sim/stats`);
  return (await res.body.json()) as { requests: number; completionTokens: number };
}

async function usageCounts(ctx: OverheadContext): Promise<{ events: number; ok: number; completion: number }> {
  const r = await ctx.db.query<{ events: number; ok: number; completion: string }>(
    `SELECT count(*)::int AS events, count(*) FILTER (WHERE status = 'ok')::int AS ok, COALESCE(sum("completionTokens"), 0)::text AS completion
     FROM "UsageEvent" WHERE "apiKeyId" = $1`,
    [ctx.apiKeyId],
  );
  return { events: r.rows[0]!.events, ok: r.rows[0]!.ok, completion: Number(r.rows[0]!.completion) };
}

/** One load run against a target; through our gateway, also the accounting check. */
export async function measuredRun(ctx: OverheadContext, target: Target, scenario: Scenario, checks: AccountingCheck[] | null): Promise<{ result: LoadResult; cpu: number | null }> {
  const pid = target.child?.pid ?? null;
  for (const child of [target.child].filter((c) => c !== null)) {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) {
      throw new Error(`${child.name} exited (${child.proc.exitCode ?? child.proc.signalCode}):\n${child.output()}`);
    }
  }
  const before = target.name === "ours" ? { usage: await usageCounts(ctx), sim: await simStats(ctx.simUrl) } : null;
  const c0 = pid ? cpuMs(pid) : 0;
  const result = await runLoad({
    origin: target.origin,
    path: target.path,
    headers: target.headers,
    body: chatBody(scenario.stream),
    stream: scenario.stream,
    connections: scenario.connections,
    amount: scenario.amount,
    rate: scenario.rate,
  });
  if (target.child && (target.child.proc.exitCode !== null || target.child.proc.signalCode !== null)) {
    throw new Error(`${target.child.name} exited during the run (${target.child.proc.exitCode ?? target.child.proc.signalCode}):\n${target.child.output()}`);
  }
  const cpu = pid ? cpuMs(pid) - c0 : null;
  if (before && checks) {
    // Warm-up requests (one per connection) went through the gateway too.
    const sent = scenario.amount + scenario.connections;
    const answered = result.ok + scenario.connections;
    const t0 = performance.now();
    let after = await usageCounts(ctx);
    let lastChange = performance.now();
    while (after.events - before.usage.events < sent && performance.now() - lastChange < 3_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const now = await usageCounts(ctx);
      if (now.events !== after.events) lastChange = performance.now();
      after = now;
    }
    const flushMs = performance.now() - t0;
    const sim = await simStats(ctx.simUrl);
    const events = after.events - before.usage.events;
    checks.push({
      run: `${scenario.id}`,
      sent,
      answered,
      events,
      okEvents: after.ok - before.usage.ok,
      upstreamRequests: sim.requests - before.sim.requests,
      upstreamCompletionTokens: sim.completionTokens - before.sim.completionTokens,
      eventCompletionTokens: after.completion - before.usage.completion,
      // An answered (2xx) request without its ok event is lost; more events
      // than requests sent means a duplicate.
      lost: Math.max(0, answered - (after.ok - before.usage.ok)),
      duplicated: Math.max(0, events - sent),
      flushMs,
    });
  }
  return { result, cpu };
}

export async function runScenarios(ctx: OverheadContext, scenarios: Scenario[], rounds: number, checks: AccountingCheck[]): Promise<Measured[]> {
  const order: TargetName[] = ["direct", "bare", "ours", "portkey"];
  const pending = new Map<string, Pending>();
  for (let round = 0; round < rounds; round++) {
    for (const scenario of scenarios) {
      const rotated = [...order.slice(round % order.length), ...order.slice(0, round % order.length)];
      for (const name of rotated) {
        const target = ctx.targets[name];
        const amount = scenario.rate === 0 && name === "portkey" ? Math.ceil(scenario.amount / 3) : scenario.amount;
        const { result, cpu } = await measuredRun(ctx, target, { ...scenario, amount }, checks);
        const key = `${scenario.id}|${name}`;
        const p = pending.get(key) ?? { latencies: [], ttfts: [], ok: 0, failed: 0, wallMs: 0, cpuMs: 0, lag: 0 };
        p.latencies.push(result.latencies);
        p.ttfts.push(result.ttfts);
        p.ok += result.ok;
        p.failed += result.failed;
        p.wallMs += result.wallMs;
        p.cpuMs += cpu ?? 0;
        p.lag = Math.max(p.lag, result.maxLagMs);
        pending.set(key, p);
        if (result.failed > 0) ctx.log(`    ${name} ${scenario.id}: ${result.failed} failed ${JSON.stringify(result.statuses)} ${result.errors.join("; ")}`);
      }
    }
    ctx.log(`  round ${round + 1}/${rounds} done`);
  }
  const out: Measured[] = [];
  for (const scenario of scenarios) {
    for (const name of order) {
      const p = pending.get(`${scenario.id}|${name}`)!;
      const lat = sortedCopy(concat(p.latencies));
      const ttft = sortedCopy(concat(p.ttfts));
      out.push({
        scenario: scenario.id,
        target: name,
        requests: p.ok,
        failed: p.failed,
        rps: (p.ok / p.wallMs) * 1000,
        p50: percentile(lat, 50),
        p90: percentile(lat, 90),
        p99: percentile(lat, 99),
        ttftP50: scenario.stream ? percentile(ttft, 50) : null,
        ttftP99: scenario.stream ? percentile(ttft, 99) : null,
        maxScheduleLagMs: p.lag,
        cpuMsPerRequest: name === "direct" ? null : p.cpuMs / (p.ok + p.failed),
      });
    }
  }
  return out;
}

/** Unmeasured closed-loop load, so that every process has its JIT warm before anything counts. */
export async function warmUp(ctx: OverheadContext, amount: number): Promise<void> {
  for (const name of ["direct", "bare", "ours", "portkey"] as TargetName[]) {
    for (const stream of [false, true]) {
      const t = ctx.targets[name];
      await runLoad({ origin: t.origin, path: t.path, headers: t.headers, body: chatBody(stream), stream, connections: 50, amount: name === "portkey" ? Math.ceil(amount / 4) : amount, rate: 0 });
    }
  }
}

export function memoryOf(target: Target): { rssMb: number; peakRssMb: number } | null {
  if (!target.child) return null;
  const m = memoryMb(target.child.pid);
  return { rssMb: m.rss, peakRssMb: m.peak };
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
