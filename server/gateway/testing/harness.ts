import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { createPersonalKeyFor } from "@/server/auth/api-keys";
import { registerNodes } from "@/server/cluster";
import { startDataPlane, type DataPlane } from "@/server/data-plane";
import { getDb } from "@/server/db";
import { createTenantFixture, type TenantFixture } from "@/server/trpc/testing/fixtures";
import { DEFAULT_MODEL, startSimCluster, type SimCluster } from "@/sim";

export const MODEL = DEFAULT_MODEL;
export const MAX_MODEL_LEN = 4096;

export type Harness = {
  sim: SimCluster;
  plane: DataPlane;
  baseUrl: string;
  tenant: TenantFixture;
  key: string;
  client: (key?: string) => OpenAI;
  usageRows: () => Promise<Awaited<ReturnType<ReturnType<typeof getDb>["usageEvent"]["findMany"]>>>;
  upstreamRequests: () => number;
  stop: () => Promise<void>;
};

export async function newKey(tenant: TenantFixture, name = "test"): Promise<string> {
  const created = await createPersonalKeyFor(
    { operator: true, tenantId: tenant.tenantId },
    { userId: tenant.member.userId, departmentId: tenant.departmentIds[0] },
    { name, endpoints: [], models: [], expiresAt: null },
  );
  return created.key;
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// A gateway in this process in front of simulated nodes at instant speed,
// with a real key of a fresh tenant, talking to this test file's database.
export async function startHarness(opts: { nodes?: number; speed?: number } = {}): Promise<Harness> {
  const sim = await startSimCluster({ nodes: opts.nodes ?? 3, basePort: 0, speed: opts.speed ?? 0, maxModelLen: MAX_MODEL_LEN });
  await registerNodes(sim.nodes.map((n, i) => ({ name: `node-${i}`, baseUrl: n.url, model: MODEL, maxModelLen: MAX_MODEL_LEN })));
  const dataDir = fs.mkdtempSync("/tmp/gateway-test-");
  const plane = await startDataPlane({ connectionString: process.env.DATABASE_URL!, dataDir });
  const server = http.createServer((req, res) => void plane.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tenant = await createTenantFixture("gw");
  const key = await newKey(tenant);
  return {
    sim,
    plane,
    baseUrl,
    tenant,
    key,
    client: (k = key) => new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: k, maxRetries: 0 }),
    usageRows: async () => {
      await plane.deps.recorder.flush();
      return getDb().usageEvent.findMany({ where: { tenantId: tenant.tenantId }, orderBy: { startedAt: "asc" } });
    },
    upstreamRequests: () => sim.nodes.reduce((sum, n) => sum + n.stats().requests, 0),
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await plane.stop();
      await sim.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
