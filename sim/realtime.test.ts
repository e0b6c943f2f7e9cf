import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { startSimCluster, startSimNode } from "./index";
import { clientFor, histogram, metricValue, MODEL, scrape } from "./test-support";
import { nodeProfile, soloRequestSeconds } from "./timing";

const hello = [{ role: "user" as const, content: "你好" }];

describe("simulated time against the wall clock", () => {
  it("takes the modelled time divided by speed", async () => {
    const node = await startSimNode({ speed: 20 });
    try {
      const started = performance.now();
      const response = await clientFor(node.url).chat.completions.create({ model: MODEL, messages: hello, max_tokens: 20 });
      const wallS = (performance.now() - started) / 1000;
      const modelled = soloRequestSeconds(nodeProfile(), 30, 20);
      expect(response.usage?.completion_tokens).toBe(20);
      expect(wallS).toBeGreaterThan((modelled.e2eS / 20) * 0.95);
      expect(wallS).toBeLessThan(modelled.e2eS / 20 + 0.3);
      const metrics = await scrape(node.url);
      expect(histogram(metrics, "vllm:time_to_first_token_seconds").sum).toBeCloseTo(modelled.ttftS, 9);
      expect(histogram(metrics, "vllm:e2e_request_latency_seconds").sum).toBeCloseTo(modelled.e2eS, 9);
    } finally {
      await node.stop();
    }
  });

  it("answers 503 beyond its queue, and stop() ends open streams at once", async () => {
    const node = await startSimNode({ speed: 0.2, maxQueue: 0 });
    const client = clientFor(node.url);
    const first = await client.chat.completions.create({ model: MODEL, messages: hello, stream: true });
    const reading = (async () => {
      for await (const chunk of first) void chunk;
    })();
    const second = await client.chat.completions.create({ model: MODEL, messages: hello }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(OpenAI.APIError);
    expect((second as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    const metrics = await scrape(node.url);
    expect(metricValue(metrics, "vllm:num_requests_running")).toBe(1);
    expect(metricValue(metrics, "vllm:num_requests_waiting")).toBe(0);
    expect(metricValue(metrics, "vllm:kv_cache_usage_perc")).toBeGreaterThan(0);
    const stopping = performance.now();
    await node.stop();
    expect(performance.now() - stopping).toBeLessThan(500);
    await expect(reading).rejects.toThrow();
  });
});

describe("startSimCluster", () => {
  it("starts nodes on free ports with per-node faults and stops them all", async () => {
    const cluster = await startSimCluster({ nodes: 3, speed: 0, faults: [{}, { fail: { rate: 1, status: 500 } }, {}] });
    try {
      expect(new Set(cluster.nodes.map((n) => n.port)).size).toBe(3);
      const outcomes = await Promise.all(
        cluster.nodes.map((n) =>
          clientFor(n.url)
            .chat.completions.create({ model: MODEL, messages: hello, max_tokens: 3 })
            .then(() => 200, (e: { status?: number }) => e.status),
        ),
      );
      expect(outcomes).toEqual([200, 500, 200]);
      expect(cluster.nodes.map((n) => n.stats().completionTokens)).toEqual([3, 0, 3]);
    } finally {
      await cluster.stop();
    }
  });

  it("stop() also ends requests hanging before their first byte", async () => {
    const cluster = await startSimCluster({ nodes: 1, speed: 0, faults: { hang: {} } });
    const url = cluster.nodes[0]?.url ?? "";
    const pending = clientFor(url).chat.completions.create({ model: MODEL, messages: hello });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stopping = performance.now();
    await cluster.stop();
    expect(performance.now() - stopping).toBeLessThan(500);
    await expect(pending).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
  });
});
