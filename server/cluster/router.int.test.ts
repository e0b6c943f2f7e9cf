import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantFixture, type TenantFixture } from "@/server/trpc/testing/fixtures";
import { DEFAULT_MODEL, startSimCluster, type SimCluster } from "@/sim";
import { createClusterPool } from "./pool";
import { getClusterPool, setClusterPool } from "./runtime";

// The cluster procedures as the admin page calls them.
let f: TenantFixture;
let sim: SimCluster;

beforeAll(async () => {
  f = await createTenantFixture("cluster");
  sim = await startSimCluster({ nodes: 1, basePort: 0, speed: 0 });
});

afterAll(async () => {
  await getClusterPool()?.stop();
  setClusterPool(null);
  await sim?.stop();
});

describe("cluster router", () => {
  it("creates, edits and disables a node; the list shows stored data while no pool runs here", async () => {
    const admin = f.owner.caller.cluster;
    const node = await admin.create({ name: "gpu-1", baseUrl: "http://gpu-1:8000/", model: DEFAULT_MODEL, gpuCount: 2 });
    expect(node.baseUrl).toBe("http://gpu-1:8000");
    await admin.update({ nodeId: node.id, weight: 4 });
    await admin.setEnabled({ nodeId: node.id, enabled: false });
    expect(await admin.list()).toEqual([expect.objectContaining({ name: "gpu-1", gpuCount: 2, weight: 4, enabled: false, live: null })]);
  });

  it.each([
    ["an ftp URL", { baseUrl: "ftp://gpu-1" }],
    ["a URL with /v1", { baseUrl: "http://gpu-1:8000/v1" }],
    ["no scheme", { baseUrl: "gpu-1:8000" }],
    ["a zero weight", { weight: 0 }],
    ["a name with spaces", { name: "gpu 1" }],
    ["fractional GPUs", { gpuCount: 1.5 }],
  ])("refuses %s", async (_label, bad) => {
    const input = { name: "gpu-x", baseUrl: "http://gpu-x:8000", model: DEFAULT_MODEL, ...bad };
    await expect(f.owner.caller.cluster.create(input)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("merges the live status of this process's pool and serves its samples", async () => {
    const admin = f.owner.caller.cluster;
    const node = await admin.create({ name: "sim-0", baseUrl: sim.nodes[0]!.url, model: DEFAULT_MODEL });
    const pool = createClusterPool({ healthIntervalMs: 50, metricsIntervalMs: 50, sampleIntervalMs: 100 });
    await pool.start();
    setClusterPool(pool);
    await expect.poll(async () => (await admin.list()).find((n) => n.id === node.id)?.live?.powerWatts, { timeout: 3_000 }).toBeGreaterThan(0);
    const row = (await admin.list()).find((n) => n.id === node.id)!;
    expect(row.live).toMatchObject({ healthy: true, breaker: "closed", outstanding: 0, running: 0 });
    await expect.poll(async () => (await admin.samples({ nodeId: node.id })).length, { timeout: 3_000 }).toBeGreaterThan(0);
    const [sample] = await admin.samples({ nodeId: node.id, hours: 1 });
    expect(sample).toMatchObject({ healthy: true, running: 0 });
  });
});
