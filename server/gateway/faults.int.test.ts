import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { countChatPromptTokens } from "@/server/metering";
import { startHarness, waitFor, MODEL, type Harness } from "./testing/harness";

let h: Harness;
const ask = [{ role: "user" as const, content: "Tell me a long story about the sea." }];

// Real-time nodes, so that a stream lasts long enough to be interrupted.
beforeAll(async () => {
  h = await startHarness({ nodes: 3, speed: 1 });
});
afterAll(async () => {
  await h.stop();
});
afterEach(() => {
  for (const n of h.sim.nodes) n.clearFaults();
});

const completionTokensServed = () => h.sim.nodes.reduce((sum, n) => sum + n.stats().completionTokens, 0);

describe("every accepted request leaves exactly one usage event", () => {
  it("a client that disconnects after a few chunks: one event, cancelled, with the tokens it was sent", async () => {
    const before = (await h.usageRows()).length;
    const controller = new AbortController();
    const stream = await h.client().chat.completions.create({ model: MODEL, messages: ask, max_tokens: 400, stream: true }, { signal: controller.signal });
    let chunks = 0;
    try {
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) chunks++;
        if (chunks === 5) controller.abort();
      }
    } catch {
      // The SDK reports the abort.
    }
    await waitFor(async () => (await h.usageRows()).length === before + 1);
    const row = (await h.usageRows()).at(-1)!;
    expect(row.status).toBe("client_cancelled");
    expect(row.tokenSource).toBe("estimated");
    expect(row.promptTokens).toBeGreaterThan(0);
    expect(row.completionTokens).toBeGreaterThanOrEqual(5);
    expect(row.completionTokens).toBeLessThan(400);
  });

  it("an upstream that dies mid-stream: one event, upstream_error, with the tokens emitted so far", async () => {
    for (const n of h.sim.nodes) n.setFaults({ resetAfterTokens: 6 });
    const before = (await h.usageRows()).length;
    const stream = await h.client().chat.completions.create({ model: MODEL, messages: ask, max_tokens: 100, stream: true });
    let text = "";
    await expect(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
      })(),
    ).rejects.toThrow();
    const rows = await h.usageRows();
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toMatchObject({ status: "upstream_error", tokenSource: "estimated", completionTokens: 6 });
    expect(text.length).toBeGreaterThan(0);
  });

  it("an upstream that omits usage: an estimated event equal to what was generated, never zero", async () => {
    for (const n of h.sim.nodes) n.setFaults({ omitUsage: true });
    const served = completionTokensServed();
    const stream = await h.client().chat.completions.create({ model: MODEL, messages: ask, max_tokens: 12, stream: true });
    for await (const chunk of stream) void chunk;
    const row = (await h.usageRows()).at(-1)!;
    expect(row).toMatchObject({ status: "ok", tokenSource: "estimated", promptTokens: countChatPromptTokens(ask) });
    expect(row.completionTokens).toBe(completionTokensServed() - served);
    expect(row.completionTokens).toBe(12);
  });

  it("a node failing before the first byte is retried on another node", async () => {
    h.sim.nodes[0]!.setFaults({ fail: { rate: 1, status: 503, count: 1 } });
    h.sim.nodes[1]!.setFaults({ fail: { rate: 1, status: 503, count: 1 } });
    const before = (await h.usageRows()).length;
    const replies = await Promise.all([1, 2, 3].map(() => h.client().chat.completions.create({ model: MODEL, messages: ask, max_tokens: 3 })));
    expect(replies.map((r) => r.choices[0]!.finish_reason)).toEqual(["length", "length", "length"]);
    const rows = (await h.usageRows()).slice(before);
    expect(rows.map((r) => r.status)).toEqual(["ok", "ok", "ok"]);
  });

  it("a dead node is taken out, and brought back when it recovers", async () => {
    const dead = h.sim.nodes[2]!;
    dead.setFaults({ refuseConnections: {} });
    const name = "node-2";
    await waitFor(() => h.plane.deps.pool.snapshot().some((n) => n.name === name && !n.healthy));
    const replies = await Promise.all([1, 2, 3, 4].map(() => h.client().chat.completions.create({ model: MODEL, messages: ask, max_tokens: 2 })));
    expect(replies).toHaveLength(4);
    const deadId = h.plane.deps.pool.snapshot().find((n) => n.name === name)!.id;
    const rows = (await h.usageRows()).slice(-4);
    expect(rows.every((r) => r.nodeId !== deadId && r.status === "ok")).toBe(true);
    dead.clearFaults();
    await waitFor(() => h.plane.deps.pool.snapshot().some((n) => n.name === name && n.healthy && n.breaker === "closed"), 15_000);
  });

  it("when every healthy node is at its concurrency limit, a request is told to retry (429), not that the cluster is down", async () => {
    await getDb().clusterNode.updateMany({ data: { maxConcurrency: 1 } });
    await h.plane.deps.pool.refresh();
    const controller = new AbortController();
    const streams = await Promise.all(
      h.sim.nodes.map(() => h.client().chat.completions.create({ model: MODEL, messages: ask, max_tokens: 400, stream: true }, { signal: controller.signal })),
    );
    const error = await h.client().chat.completions.create({ model: MODEL, messages: ask, max_tokens: 2 }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ status: 429, code: "cluster_busy" });
    controller.abort();
    for (const s of streams) await (async () => { for await (const c of s) void c; })().catch(() => undefined);
    await getDb().clusterNode.updateMany({ data: { maxConcurrency: 64 } });
    await h.plane.deps.pool.refresh();
  });
});
