import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db";
import { DEFAULT_MODEL, startSimCluster, type SimCluster } from "@/sim";
import { createNode, registerNodes, setNodeEnabled, updateNode } from "./nodes";
import { NODES_CHANNEL } from "./notify";
import { createClusterPool } from "./pool";
import type { ClusterPool } from "./types";

const spec = (name: string, baseUrl = "http://127.0.0.1:9") => ({ name, baseUrl, model: "m" });
const auditOf = (targetId: string) =>
  getDb().auditLog.findMany({ where: { targetId }, orderBy: { id: "asc" }, select: { action: true, tenantId: true } });

describe("node registry", () => {
  it("creates a node with the database defaults, audited as a platform action", async () => {
    const node = await createNode(null, spec("reg-a"));
    expect(node).toMatchObject({ name: "reg-a", maxModelLen: 32768, gpuModel: "RTX 4090D", gpuCount: 1, weight: 1, maxConcurrency: 64, enabled: true });
    await updateNode(null, node.id, { weight: 2, baseUrl: "https://gpu-9.internal:8443" });
    await setNodeEnabled(null, node.id, false);
    expect(await getDb().clusterNode.findUniqueOrThrow({ where: { id: node.id } })).toMatchObject({ weight: 2, baseUrl: "https://gpu-9.internal:8443", enabled: false });
    expect(await auditOf(node.id)).toEqual([
      { action: "cluster_node.create", tenantId: null },
      { action: "cluster_node.update", tenantId: null },
      { action: "cluster_node.disable", tenantId: null },
    ]);
  });

  it("refuses a second node of the same name and load power below idle, changing nothing", async () => {
    const node = await createNode(null, spec("reg-b"));
    await expect(createNode(null, spec("reg-b"))).rejects.toMatchObject({ code: "CONFLICT" });
    await createNode(null, spec("reg-c"));
    await expect(updateNode(null, node.id, { name: "reg-c" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(updateNode(null, node.id, { idleWatts: 300 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(createNode(null, { ...spec("reg-d"), idleWatts: 100, loadWatts: 50 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await getDb().clusterNode.findUnique({ where: { name: "reg-d" } })).toBeNull();
    expect(await getDb().clusterNode.findUniqueOrThrow({ where: { id: node.id } })).toMatchObject({ name: "reg-b", idleWatts: 25 });
  });

  it("reports a missing node as not found", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    await expect(updateNode(null, missing, { weight: 2 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setNodeEnabled(null, missing, true)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("registers nodes by name: a second run moves them and keeps an admin's enabled flag", async () => {
    const [first] = await registerNodes([spec("demo-0", "http://127.0.0.1:8001/")]);
    expect(first!.baseUrl).toBe("http://127.0.0.1:8001");
    await setNodeEnabled(null, first!.id, false);
    const [again] = await registerNodes([spec("demo-0", "http://127.0.0.1:9001")]);
    expect(again).toMatchObject({ id: first!.id, baseUrl: "http://127.0.0.1:9001", enabled: false });
    await expect(registerNodes([spec("demo-1", "ftp://x")])).rejects.toThrow(/http/);
  });
});

describe("every pool hears of a change at once", () => {
  let sim: SimCluster;
  let pool: ClusterPool;
  let nodeId: string;

  beforeAll(async () => {
    sim = await startSimCluster({ nodes: 1, basePort: 0, speed: 0 });
    const [node] = await registerNodes([{ name: "listen-0", baseUrl: sim.nodes[0]!.url, model: DEFAULT_MODEL }]);
    nodeId = node!.id;
    // No periodic reload within the test: only LISTEN/NOTIFY can deliver.
    pool = createClusterPool({ healthIntervalMs: 100, reloadIntervalMs: 600_000 });
    await pool.start();
  });

  afterAll(async () => {
    await pool?.stop();
    await sim?.stop();
  });

  const picked = () => pool.pick(DEFAULT_MODEL)?.id ?? null;

  async function timeUntil(check: () => boolean): Promise<number> {
    const started = Date.now();
    await vi.waitFor(() => expect(check()).toBe(true), { timeout: 1_000, interval: 10 });
    return Date.now() - started;
  }

  it("a node disabled through the service leaves pick() within a second, and returns when enabled", async () => {
    await vi.waitFor(async () => {
      const listening = await getDb().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE query = ${`LISTEN ${NODES_CHANNEL}`}`;
      expect(Number(listening[0]!.n)).toBe(1);
    });
    expect(picked()).toBe(nodeId);
    await setNodeEnabled(null, nodeId, false);
    expect(await timeUntil(() => picked() === null)).toBeLessThan(1_000);
    expect(pool.models().map((m) => m.id)).not.toContain(DEFAULT_MODEL);
    await setNodeEnabled(null, nodeId, true);
    await timeUntil(() => picked() === nodeId);
  });

  it("reloads after its listening connection was cut", async () => {
    await getDb().$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = ${`LISTEN ${NODES_CHANNEL}`}`;
    // Written behind the listener's back, without a notification.
    await getDb().clusterNode.update({ where: { id: nodeId }, data: { weight: 5 } });
    await vi.waitFor(() => expect(pool.snapshot().find((n) => n.id === nodeId)?.weight).toBe(5), { timeout: 3_000, interval: 20 });
    await updateNode(null, nodeId, { maxModelLen: 8192 });
    await vi.waitFor(() => expect(pool.models()).toContainEqual({ id: DEFAULT_MODEL, maxModelLen: 8192 }), { timeout: 1_000, interval: 10 });
  });
});
