import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerNodes } from "@/server/cluster";
import { freePort } from "@/server/db/embedded";
import { getDb } from "@/server/db";
import { newKey, startHarness, waitFor, MODEL, type Harness } from "@/server/gateway/testing/harness";
import { createTenantFixture } from "@/server/trpc/testing/fixtures";
import { DEFAULT_MODEL, startSimCluster } from "@/sim";
import { setQuota } from "./service";
import { countersVersusEvents, holdsOf } from "./testing";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ nodes: 3 });
});
afterAll(async () => {
  await h.stop();
});

async function expectInvariant(tenantId: string) {
  const checks = await countersVersusEvents(tenantId);
  expect(checks.length).toBeGreaterThan(0);
  for (const c of checks) {
    expect({ tokens: c.usedTokens, spend: c.usedSpend, requests: c.requests }).toEqual({ tokens: c.eventTokens, spend: c.eventSpend, requests: c.events });
    expect(c.reservedTokens).toBe("0");
    expect(c.reservedSpend).toBe("0.00000000");
  }
  expect(await holdsOf(tenantId)).toBe(0);
}

describe("counters equal the sum of settled usage", () => {
  it("after 5,000 mixed requests (cancelled, failing upstream, refused), each counter equals its events and no hold is left", async () => {
    await getDb().internalRate.create({ data: { tenantId: null, inputPerMillion: "2", outputPerMillion: "8", effectiveFrom: new Date("2020-01-01") } });
    const t = await createTenantFixture("mixed");
    const key = await newKey(t);
    const admin = { userId: t.admin.userId, tenantId: t.tenantId };
    // A department budget that runs out part-way, and a member quota inside it.
    await setQuota(admin, { departmentId: t.departmentIds[0], tokenLimit: 60_000, spendLimit: "100" });
    await setQuota(admin, { departmentId: t.departmentIds[0], scope: "MEMBER", userId: t.member.userId, tokenLimit: 10_000_000, period: "DAY" });
    await h.plane.deps.quotas!.refresh();
    // Two of three nodes fail often: some requests fail on both tries.
    // Failing nodes (some requests fail on both tries), slow answers some
    // clients give up on, and streams cut mid-way.
    for (const n of h.sim.nodes) n.setFaults({ fail: { rate: 0.3, status: 503 }, hang: { ms: 150, rate: 0.3 }, resetAfterTokens: 40 });
    const client = h.client(key);
    const statuses = new Map<string, number>();
    const note = (s: string) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    const one = async (i: number) => {
      const messages = [{ role: "user" as const, content: `Request ${i}: ${"tell me more ".repeat(i % 5)}` }];
      const controller = new AbortController();
      try {
        switch (i % 5) {
          case 0:
            await client.chat.completions.create({ model: MODEL, messages, max_tokens: 1 + (i % 20) });
            break;
          case 1: {
            // Cancelled by the client after its first chunk or after 50 ms.
            setTimeout(() => controller.abort(), 50);
            const stream = await client.chat.completions.create({ model: MODEL, messages, max_tokens: 60, stream: true }, { signal: controller.signal });
            for await (const chunk of stream) {
              void chunk;
              controller.abort();
            }
            break;
          }
          case 2:
            await client.completions.create({ model: MODEL, prompt: messages[0]!.content, max_tokens: 8 });
            break;
          case 3: {
            const stream = await client.chat.completions.create({ model: MODEL, messages, max_tokens: 12, stream: true });
            for await (const chunk of stream) void chunk;
            break;
          }
          default:
            // No max_tokens: the rest of the context is reserved.
            await client.chat.completions.create({ model: MODEL, messages });
        }
        note("ok");
      } catch (error) {
        note(String((error as { status?: number }).status ?? (controller.signal.aborted ? "aborted" : "error")));
      }
    };
    for (let batch = 0; batch < 25; batch++) {
      await Promise.all(Array.from({ length: 200 }, (_, j) => one(batch * 200 + j)));
    }
    for (const n of h.sim.nodes) n.clearFaults();
    await h.plane.deps.recorder.flush();
    // The mix happened: successes, refusals, cancellations and upstream failures.
    expect(statuses.get("ok")).toBeGreaterThan(50);
    expect(statuses.get("429")).toBeGreaterThan(100);
    const events = await getDb().usageEvent.groupBy({ by: ["status"], where: { tenantId: t.tenantId }, _count: true });
    const byStatus = Object.fromEntries(events.map((e) => [e.status, e._count]));
    expect(byStatus.ok).toBeGreaterThan(0);
    expect(byStatus.client_cancelled).toBeGreaterThan(0);
    expect(byStatus.upstream_error).toBeGreaterThan(0);
    await expectInvariant(t.tenantId);
    const dept = (await countersVersusEvents(t.tenantId)).find((c) => c.events > 0 && Number(c.usedTokens) <= 60_000);
    expect(dept).toBeDefined();
    await getDb().internalRate.deleteMany({});
  }, 300_000);
});

describe("a gateway process killed with requests in flight", () => {
  it("its journal settles what finished, the sweeper releases the rest: counters equal events, no hold left", async () => {
    const sim = await startSimCluster({ nodes: 2, basePort: 0, speed: 1 });
    await registerNodes(sim.nodes.map((n, i) => ({ name: `kill-${i}`, baseUrl: n.url, model: DEFAULT_MODEL })));
    const t = await createTenantFixture("killed");
    const key = await newKey(t);
    await setQuota({ userId: t.admin.userId, tenantId: t.tenantId }, { departmentId: t.departmentIds[0], tokenLimit: 10_000_000 });
    const port = await freePort();
    const dataDir = fs.mkdtempSync("/tmp/quota-killed-");
    const start = (): ChildProcess =>
      // Node itself (not npx), so that SIGKILL reaches the gateway.
      spawn(process.execPath, ["--import", "tsx", "server/gateway-main.ts"], {
        env: { ...process.env, GATEWAY_PORT: String(port), GATEWAY_DATA_DIR: dataDir, QUOTA_HOLD_TTL_MS: "3000", NODE_ENV: "production" },
        stdio: "ignore",
      });
    const client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: key, maxRetries: 0, timeout: 20_000 });
    const ready = () =>
      waitFor(async () => {
        try {
          await client.models.list();
          return true;
        } catch {
          return false;
        }
      }, 60_000);
    try {
      const first = start();
      await ready();
      // Short requests that finish (journaled, maybe not yet stored) and long
      // ones still streaming when the process dies.
      const inFlight = Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? client.chat.completions.create({ model: DEFAULT_MODEL, messages: [{ role: "user", content: `short ${i}` }], max_tokens: 2 }).catch(() => null)
          : client.chat.completions.create({ model: DEFAULT_MODEL, messages: [{ role: "user", content: `long ${i}` }], max_tokens: 2000 }).catch(() => null),
      );
      await waitFor(async () => (await holdsOf(t.tenantId)) >= 20 || (await getDb().usageEvent.count({ where: { tenantId: t.tenantId } })) > 0, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      first.kill("SIGKILL");
      await Promise.all(inFlight);
      expect(await holdsOf(t.tenantId)).toBeGreaterThan(0);
      const second = start();
      await ready();
      // Replayed events settled their holds; the holds of requests that never
      // finished expire and are swept.
      await new Promise((resolve) => setTimeout(resolve, 3500));
      await getDb().$queryRaw`SELECT quota_sweep(now())`;
      second.kill("SIGTERM");
      await new Promise((resolve) => second.on("exit", resolve));
      expect(await getDb().usageEvent.count({ where: { tenantId: t.tenantId } })).toBeGreaterThan(0);
      await expectInvariant(t.tenantId);
    } finally {
      await sim.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
