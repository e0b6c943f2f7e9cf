import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { revokeKey } from "@/server/auth/api-keys";
import { newKey, startHarness, waitFor, MODEL, type Harness } from "./testing/harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ nodes: 3 });
});
afterAll(async () => {
  await h.stop();
});

async function expectRefusedWithinASecond(client: ReturnType<Harness["client"]>): Promise<void> {
  const since = Date.now();
  await waitFor(async () => {
    try {
      await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }], max_tokens: 1 });
      return false;
    } catch (error) {
      return (error as { status?: number }).status === 401;
    }
  }, 1000);
  expect(Date.now() - since).toBeLessThan(1000);
}

describe("accounting under load", () => {
  it("1,000 concurrent mixed requests leave exactly 1,000 events whose sums equal the nodes' own counters", async () => {
    const client = h.client();
    const served = () => h.sim.nodes.reduce((s, n) => ({ prompt: s.prompt + n.stats().promptTokens, completion: s.completion + n.stats().completionTokens }), { prompt: 0, completion: 0 });
    const before = served();
    const calls = Array.from({ length: 1000 }, async (_, i) => {
      const content = `Question ${i}: ${"why ".repeat(i % 7)}`;
      switch (i % 4) {
        case 0:
          return client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content }], max_tokens: 1 + (i % 9) });
        case 1: {
          const stream = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content }], max_tokens: 1 + (i % 5), stream: true });
          for await (const chunk of stream) void chunk;
          return null;
        }
        case 2:
          return client.completions.create({ model: MODEL, prompt: content, max_tokens: 1 + (i % 3) });
        default: {
          const stream = await client.completions.create({ model: MODEL, prompt: content, max_tokens: 2, stream: true, stream_options: { include_usage: true } });
          for await (const chunk of stream) void chunk;
          return null;
        }
      }
    });
    await Promise.all(calls);
    const after = served();
    const rows = await h.usageRows();
    expect(rows).toHaveLength(1000);
    expect(new Set(rows.map((r) => r.requestId)).size).toBe(1000);
    expect(rows.every((r) => r.status === "ok" && r.tokenSource === "upstream")).toBe(true);
    expect(rows.reduce((s, r) => s + r.promptTokens, 0)).toBe(after.prompt - before.prompt);
    expect(rows.reduce((s, r) => s + r.completionTokens, 0)).toBe(after.completion - before.completion);
    const hourly = await getDb().usageHourly.aggregate({ where: { tenantId: h.tenant.tenantId }, _sum: { requests: true, promptTokens: true, completionTokens: true } });
    expect(hourly._sum.requests).toBe(1000);
    expect(Number(hourly._sum.promptTokens)).toBe(after.prompt - before.prompt);
  });

  it("a revoked key stops working within a second", async () => {
    const key = await newKey(h.tenant, "to-revoke");
    const client = h.client(key);
    await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }], max_tokens: 1 });
    const row = await getDb().apiKey.findFirstOrThrow({ where: { tenantId: h.tenant.tenantId, name: "to-revoke" } });
    await revokeKey({ operator: true, tenantId: h.tenant.tenantId }, row.id);
    await expectRefusedWithinASecond(client);
  });

  it("disabling a member stops their personal key within a second", async () => {
    const key = await newKey(h.tenant, "member-disabled");
    const client = h.client(key);
    await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }], max_tokens: 1 });
    await h.tenant.admin.caller.members.setDisabled({ tenantId: h.tenant.tenantId, membershipId: h.tenant.member.membershipId, disabled: true });
    await expectRefusedWithinASecond(client);
  });
});
