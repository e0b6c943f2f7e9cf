import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db";
import { DEFAULT_MODEL, startSimCluster, type SimCluster } from "@/sim";
import { registerNodes, updateNode } from "./nodes";
import { createClusterPool } from "./pool";
import type { ClusterPool, NodeRef } from "./types";

let sim: SimCluster;
let pool: ClusterPool;
let ids: string[];
const FAST = { healthIntervalMs: 50, metricsIntervalMs: 50, sampleIntervalMs: 200, requestTimeoutMs: 500, breaker: { coolDownMs: 200 } };
const wait = { timeout: 3_000, interval: 20 };

const statusOf = (id: string) => pool.snapshot().find((n) => n.id === id)!;

// Picks n nodes, keeping each request open, and returns how many each got.
function holdPicks(p: ClusterPool, n: number, exclude?: ReadonlySet<string>) {
  const releases: (() => void)[] = [];
  const counts = new Map<string, number>();
  for (let k = 0; k < n; k++) {
    const node = p.pick(DEFAULT_MODEL, exclude);
    if (!node) break;
    releases.push(p.begin(node.id));
    counts.set(node.name, (counts.get(node.name) ?? 0) + 1);
  }
  return { counts: Object.fromEntries(counts), release: () => releases.forEach((r) => r()) };
}

beforeAll(async () => {
  sim = await startSimCluster({ nodes: 3, basePort: 0, speed: 0 });
  const nodes = await registerNodes(sim.nodes.map((n, i) => ({ name: `sim-${i}`, baseUrl: n.url, model: DEFAULT_MODEL, maxModelLen: 32768 })));
  ids = nodes.map((n) => n.id);
  pool = createClusterPool(FAST);
  await pool.start();
});

afterAll(async () => {
  await pool?.stop();
  await sim?.stop();
});

describe("cluster pool against the simulator", () => {
  it("starts with every node checked and lists the served model", () => {
    expect(pool.snapshot().map((n) => [n.name, n.healthy, n.breaker])).toEqual([
      ["sim-0", true, "closed"],
      ["sim-1", true, "closed"],
      ["sim-2", true, "closed"],
    ]);
    expect(pool.models()).toEqual([{ id: DEFAULT_MODEL, maxModelLen: 32768 }]);
    expect(pool.pick("no/such-model")).toBeNull();
  });

  it("spreads open requests by least outstanding work", () => {
    const held = holdPicks(pool, 6);
    expect(held.counts).toEqual({ "sim-0": 2, "sim-1": 2, "sim-2": 2 });
    expect(pool.snapshot().map((n) => n.outstanding)).toEqual([2, 2, 2]);
    held.release();
    held.release();
    expect(pool.snapshot().map((n) => n.outstanding)).toEqual([0, 0, 0]);
  });

  it("sends a node work in proportion to its weight", async () => {
    await updateNode(null, ids[0]!, { weight: 3 });
    await pool.refresh();
    const held = holdPicks(pool, 10);
    held.release();
    await updateNode(null, ids[0]!, { weight: 1 });
    await pool.refresh();
    expect(held.counts).toEqual({ "sim-0": 6, "sim-1": 2, "sim-2": 2 });
  });

  it("skips the nodes a request already tried", () => {
    const node = pool.pick(DEFAULT_MODEL, new Set([ids[0]!, ids[1]!]));
    expect(node?.name).toBe("sim-2");
    expect(pool.pick(DEFAULT_MODEL, new Set(ids))).toBeNull();
  });

  it.each([
    ["unhealthy", { unhealthy: true }],
    ["refusing connections", { refuseConnections: {} }],
  ])("takes out a node that is %s and brings it back once cleared", async (_label, faults) => {
    sim.nodes[1]!.setFaults(faults);
    await vi.waitFor(() => expect(statusOf(ids[1]!).healthy).toBe(false), wait);
    const held = holdPicks(pool, 6);
    held.release();
    expect(held.counts).toEqual({ "sim-0": 3, "sim-2": 3 });
    expect(statusOf(ids[1]!).lastError).toMatch(/^health: (HTTP 503|ECONNREFUSED)$/);

    sim.nodes[1]!.clearFaults();
    await vi.waitFor(() => expect(statusOf(ids[1]!).healthy).toBe(true), wait);
    const back = holdPicks(pool, 3);
    back.release();
    expect(back.counts).toEqual({ "sim-0": 1, "sim-1": 1, "sim-2": 1 });
  });

  it("reads running, KV cache and power from /metrics", async () => {
    await vi.waitFor(() => expect(statusOf(ids[0]!).powerWatts).toBeGreaterThan(0), wait);
    const s = statusOf(ids[0]!);
    expect(s).toMatchObject({ running: 0, waiting: 0 });
    expect(s.kvCacheUse).toBeGreaterThanOrEqual(0);
    expect(s.gpuUtil).toBeGreaterThanOrEqual(0);
    expect(s.lastCheckAt).toBeInstanceOf(Date);
  });

  it("writes a sample row per node every sample interval", async () => {
    await vi.waitFor(async () => {
      const rows = await getDb().clusterNodeSample.findMany({ where: { healthy: true, powerWatts: { not: null } } });
      expect(new Set(rows.map((r) => r.nodeId))).toEqual(new Set(ids));
    }, wait);
    const first = await getDb().clusterNodeSample.findFirst({ where: { nodeId: ids[0]! }, orderBy: { at: "asc" } });
    expect(first).toMatchObject({ running: 0, waiting: 0 });
  });

  it("a refused connection opens the breaker; after the cool-down a passing health check closes it", async () => {
    pool.reportFailure(ids[2]!, "connect ECONNREFUSED 127.0.0.1:1");
    expect(statusOf(ids[2]!).breaker).toBe("open");
    expect(statusOf(ids[2]!).lastError).toBe("connect ECONNREFUSED 127.0.0.1:1");
    const held = holdPicks(pool, 4);
    held.release();
    expect(held.counts).toEqual({ "sim-0": 2, "sim-1": 2 });
    await vi.waitFor(() => expect(statusOf(ids[2]!).breaker).toBe("closed"), wait);
  });
});

describe("breaker with a hand-driven clock", () => {
  let clock = 1_000_000;
  let manual: ClusterPool;
  const others = () => new Set([ids[1]!, ids[2]!]);

  beforeAll(async () => {
    // Health checks far apart, so that only requests move the breaker.
    manual = createClusterPool({ healthIntervalMs: 60_000, metricsIntervalMs: 60_000, sampleIntervalMs: 60_000, breaker: { failures: 3, coolDownMs: 10_000 }, now: () => clock });
    await manual.start();
  });

  afterAll(async () => {
    await manual?.stop();
  });

  it("opens after three failures, lets one probe through when half-open, and the probe's success closes it", () => {
    const status = () => manual.snapshot().find((n) => n.id === ids[0]!)!.breaker;
    manual.reportFailure(ids[0]!, "HTTP 503");
    manual.reportFailure(ids[0]!, "timeout");
    expect(status()).toBe("closed");
    manual.reportFailure(ids[0]!, "HTTP 502");
    expect(status()).toBe("open");
    expect(manual.pick(DEFAULT_MODEL, others())).toBeNull();

    clock += 10_000;
    expect(status()).toBe("half_open");
    const probe: NodeRef | null = manual.pick(DEFAULT_MODEL, others());
    expect(probe?.id).toBe(ids[0]);
    const end = manual.begin(probe!.id);
    expect(manual.pick(DEFAULT_MODEL, others())).toBeNull();

    manual.reportSuccess(probe!.id);
    end();
    expect(status()).toBe("closed");
    expect(manual.pick(DEFAULT_MODEL, others())?.id).toBe(ids[0]);
  });

  it("a failed probe reopens it for longer; an unreported probe frees the slot when it ends", () => {
    const status = () => manual.snapshot().find((n) => n.id === ids[0]!)!.breaker;
    manual.reportFailure(ids[0]!, "ECONNREFUSED");
    clock += 10_000;
    const probe = manual.pick(DEFAULT_MODEL, others())!;
    manual.begin(probe.id)();
    expect(manual.pick(DEFAULT_MODEL, others())?.id).toBe(ids[0]);
    manual.reportFailure(ids[0]!, "HTTP 503");
    clock += 10_000;
    expect(status()).toBe("open");
    clock += 10_000;
    expect(status()).toBe("half_open");
  });
});
