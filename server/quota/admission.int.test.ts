import http from "node:http";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDataPlane, type DataPlane } from "@/server/data-plane";
import { setClusterPool } from "@/server/cluster/runtime";
import { getDb } from "@/server/db";
import { setGatewayRuntime } from "@/server/gateway/runtime";
import { newKey, startHarness, MODEL, MAX_MODEL_LEN, type Harness } from "@/server/gateway/testing/harness";
import { countChatPromptTokens } from "@/server/metering";
import { createTenantFixture, type TenantFixture } from "@/server/trpc/testing/fixtures";
import { setQuota } from "./service";
import { countersVersusEvents, holdsOf } from "./testing";

let h: Harness;
const messages = [{ role: "user" as const, content: "Say something short." }];
const MAX_TOKENS = 16;
const WORST = countChatPromptTokens(messages) + MAX_TOKENS;

beforeAll(async () => {
  h = await startHarness({ nodes: 2 });
});
afterAll(async () => {
  await h.stop();
});

type Outcome = { status: number; code: string | null; headers: Record<string, string> };

async function call(client: OpenAI, body: object = {}): Promise<Outcome> {
  try {
    const { response } = await client.chat.completions.create({ model: MODEL, messages, max_tokens: MAX_TOKENS, ...body }).withResponse();
    return { status: response.status, code: null, headers: Object.fromEntries(response.headers.entries()) };
  } catch (error) {
    const e = error as { status?: number; code?: string; headers?: Headers };
    return { status: e.status ?? 0, code: e.code ?? null, headers: Object.fromEntries(e.headers?.entries() ?? []) };
  }
}

async function tenantWithQuota(label: string, settings: Omit<Parameters<typeof setQuota>[1], "departmentId">, planes: DataPlane[] = [h.plane]): Promise<{ t: TenantFixture; key: string }> {
  const t = await createTenantFixture(label);
  const key = await newKey(t);
  await setQuota({ userId: t.admin.userId, tenantId: t.tenantId }, { departmentId: t.departmentIds[0], ...settings });
  for (const p of planes) await p.deps.quotas!.refresh();
  return { t, key };
}

async function settled(planes: DataPlane[] = [h.plane]) {
  for (const p of planes) await p.deps.recorder.flush();
}

async function expectInvariant(tenantId: string) {
  const checks = await countersVersusEvents(tenantId);
  expect(checks.length).toBeGreaterThan(0);
  for (const c of checks) {
    expect(c.usedTokens).toBe(c.eventTokens);
    expect(c.usedSpend).toBe(c.eventSpend);
    expect(c.requests).toBe(c.events);
    expect(c.reservedTokens).toBe("0");
  }
  expect(await holdsOf(tenantId)).toBe(0);
}

async function startReplica(): Promise<{ plane: DataPlane; client: (key: string) => OpenAI; stop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync("/tmp/gateway-replica-");
  const plane = await startDataPlane({ connectionString: process.env.DATABASE_URL!, dataDir });
  const server = http.createServer((req, res) => void plane.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return {
    plane,
    client: (key) => new OpenAI({ baseURL: url, apiKey: key, maxRetries: 0 }),
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      // Not plane.stop(): that also closes the process-wide upstream agents
      // and runtime, which the harness's plane still uses.
      await plane.deps.pool.stop();
      await plane.deps.keys.close();
      await plane.deps.recorder.close();
      await plane.deps.quotas!.close();
      setGatewayRuntime(h.plane.deps);
      setClusterPool(h.plane.deps.pool);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe("admission that cannot overrun", () => {
  it("a department without a quota is admitted", async () => {
    const t = await createTenantFixture("free");
    const outcome = await call(h.client(await newKey(t)));
    expect(outcome.status).toBe(200);
  });

  it("a remaining budget enough for exactly one request admits one, then refuses before the upstream", async () => {
    const { t, key } = await tenantWithQuota("one", { tokenLimit: WORST });
    const client = h.client(key);
    expect((await call(client)).status).toBe(200);
    const before = h.upstreamRequests();
    const refused = await call(client);
    expect(refused).toMatchObject({ status: 429, code: "insufficient_quota" });
    expect(refused.headers["x-should-retry"]).toBe("false");
    expect(h.upstreamRequests()).toBe(before);
    await settled();
    await expectInvariant(t.tenantId);
    const [c] = await countersVersusEvents(t.tenantId);
    expect(Number(c!.usedTokens)).toBeLessThanOrEqual(WORST);
  });

  it("20 requests released together against a budget for one: one admitted, 19 refused before reaching the upstream", async () => {
    const { t, key } = await tenantWithQuota("barrier", { tokenLimit: 2 * WORST - 1 });
    const client = h.client(key);
    const before = h.upstreamRequests();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => call(client)));
    expect(outcomes.filter((o) => o.status === 200)).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 429 && o.code === "insufficient_quota")).toHaveLength(19);
    expect(h.upstreamRequests() - before).toBe(1);
    await settled();
    await expectInvariant(t.tenantId);
    const [c] = await countersVersusEvents(t.tenantId);
    expect(Number(c!.usedTokens)).toBeLessThanOrEqual(2 * WORST - 1);
  });

  it("nested scopes all apply: a member's quota inside the department's", async () => {
    const { t, key } = await tenantWithQuota("nested", { tokenLimit: 100 * WORST });
    await setQuota({ userId: t.admin.userId, tenantId: t.tenantId }, { departmentId: t.departmentIds[0], scope: "MEMBER", userId: t.member.userId, tokenLimit: WORST });
    await h.plane.deps.quotas!.refresh();
    const client = h.client(key);
    expect((await call(client)).status).toBe(200);
    expect(await call(client)).toMatchObject({ status: 429, code: "insufficient_quota" });
    await settled();
    // Both counters hold the one request.
    const checks = await countersVersusEvents(t.tenantId);
    expect(checks).toHaveLength(2);
    expect(checks[0]!.usedTokens).toBe(checks[1]!.usedTokens);
    await expectInvariant(t.tenantId);
  });

  it("a request without max_tokens that cannot fit is refused up front", async () => {
    const { key } = await tenantWithQuota("nomax", { tokenLimit: 1000 });
    const client = h.client(key);
    const before = h.upstreamRequests();
    const refused = await call(client, { max_tokens: undefined });
    expect(refused).toMatchObject({ status: 429, code: "insufficient_quota" });
    expect(h.upstreamRequests()).toBe(before);
    // The worst case without max_tokens is the rest of the context.
    expect(MAX_MODEL_LEN).toBeGreaterThan(1000);
    expect((await call(client)).status).toBe(200);
  });

  it("a soft quota admits past its limit and alerts", async () => {
    const { t, key } = await tenantWithQuota("soft", { tokenLimit: 1, hard: false });
    const client = h.client(key);
    expect((await call(client)).status).toBe(200);
    expect((await call(client)).status).toBe(200);
    await settled();
    await expectInvariant(t.tenantId);
    const alerts = await getDb().quotaAlert.findMany({ where: { tenantId: t.tenantId }, orderBy: { threshold: "asc" } });
    expect(alerts.map((a) => a.threshold)).toEqual([50, 80, 100]);
  });

  it("a money quota reserves the priced worst case", async () => {
    await getDb().internalRate.create({ data: { tenantId: null, inputPerMillion: "1000", outputPerMillion: "1000", effectiveFrom: new Date("2020-01-01") } });
    await h.plane.deps.quotas!.refresh();
    // Worth exactly one request's worst case: 1,000 per million tokens.
    const spend = ((WORST * 1000) / 1_000_000).toFixed(8);
    const { t, key } = await tenantWithQuota("money", { spendLimit: spend });
    const client = h.client(key);
    expect((await call(client)).status).toBe(200);
    expect(await call(client)).toMatchObject({ status: 429, code: "insufficient_quota" });
    await settled();
    await expectInvariant(t.tenantId);
    const rows = await getDb().usageEvent.findMany({ where: { tenantId: t.tenantId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.cost?.toString()).toBe(((rows[0]!.promptTokens + rows[0]!.completionTokens) / 1000).toString());
    await getDb().internalRate.deleteMany({});
    await h.plane.deps.quotas!.refresh();
  });
});

describe("rate limits", () => {
  it("refuse the request over the limit with Retry-After until the window ends", async () => {
    // Start well inside a minute so that the window does not turn mid-test.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 61_000 - intoMinute));
    const { key } = await tenantWithQuota("rpm", { rpm: 3 });
    const client = h.client(key);
    const ok = [await call(client), await call(client), await call(client)];
    expect(ok.map((o) => o.status)).toEqual([200, 200, 200]);
    expect(ok.map((o) => o.headers["x-ratelimit-remaining-requests"])).toEqual(["2", "1", "0"]);
    expect(ok[0]!.headers["x-ratelimit-limit-requests"]).toBe("3");
    const before = h.upstreamRequests();
    const refused = await call(client);
    const expected = Math.ceil((60_000 - (Date.now() % 60_000)) / 1000);
    expect(refused).toMatchObject({ status: 429, code: "rate_limit_exceeded" });
    expect(Math.abs(Number(refused.headers["retry-after"]) - expected)).toBeLessThanOrEqual(1);
    expect(refused.headers["x-ratelimit-remaining-requests"]).toBe("0");
    expect(h.upstreamRequests()).toBe(before);
  });

  it("tokens per minute count the worst case of each request", async () => {
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 61_000 - intoMinute));
    const { key } = await tenantWithQuota("tpm", { tpm: 2 * WORST });
    const client = h.client(key);
    expect((await call(client)).headers["x-ratelimit-remaining-tokens"]).toBe(String(WORST));
    expect((await call(client)).status).toBe(200);
    const refused = await call(client);
    expect(refused).toMatchObject({ status: 429, code: "rate_limit_exceeded" });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  });
});
describe("two gateway processes", () => {
  it("the same with two gateway processes sharing the database", async () => {
    const replica = await startReplica();
    try {
      const planes = [h.plane, replica.plane];
      const { t, key } = await tenantWithQuota("two", { tokenLimit: 2 * WORST - 1 }, planes);
      const clients = [h.client(key), replica.client(key)];
      const before = h.upstreamRequests();
      const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => call(clients[i % 2]!)));
      expect(outcomes.filter((o) => o.status === 200)).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 429)).toHaveLength(19);
      expect(h.upstreamRequests() - before).toBe(1);
      await settled(planes);
      await expectInvariant(t.tenantId);
    } finally {
      await replica.stop();
    }
  });
});
