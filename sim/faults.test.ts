import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSimNode, type SimNode } from "./index";
import { clientFor, histogram, metricValue, MODEL, scrape } from "./test-support";
import { soloRequestSeconds, nodeProfile } from "./timing";

let node: SimNode;
let client: OpenAI;

beforeAll(async () => {
  node = await startSimNode({ speed: 0 });
  client = clientFor(node.url);
});

afterEach(() => node.clearFaults());

afterAll(async () => {
  await node.stop();
});

const request = { model: MODEL, messages: [{ role: "user" as const, content: "Hello" }], max_tokens: 10 };
const streamRequest = { ...request, stream: true as const, stream_options: { include_usage: true } };

async function readStream(): Promise<{ contents: string[]; error: unknown }> {
  const contents: string[] = [];
  try {
    for await (const chunk of await client.chat.completions.create(streamRequest)) {
      const content = chunk.choices[0]?.delta.content;
      if (content) contents.push(content);
    }
    return { contents, error: null };
  } catch (error) {
    return { contents, error };
  }
}

describe("fault injection", () => {
  it("refuses connections until cleared", async () => {
    node.setFaults({ refuseConnections: {} });
    await expect(fetch(`${node.url}/health`)).rejects.toThrow(TypeError);
    await expect(client.chat.completions.create(request)).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    node.clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await fetch(`${node.url}/health`)).status).toBe(200);
  });

  it("refuses connections for forMs when told over HTTP, then serves again", async () => {
    const response = await fetch(`${node.url}/sim/faults`, {
      method: "POST",
      body: JSON.stringify({ refuseConnections: { forMs: 400 } }),
    });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await expect(fetch(`${node.url}/health`)).rejects.toThrow(TypeError);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await fetch(`${node.url}/health`)).status).toBe(200);
  });

  it.each([500, 503] as const)("fails every completion with %i at rate 1", async (status) => {
    node.setFaults({ fail: { rate: 1, status } });
    const error = await client.chat.completions.create(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(status);
    expect(node.stats().requests).toBe(0);
  });

  it("fails only the next `count` requests", async () => {
    node.setFaults({ fail: { rate: 1, status: 500, count: 2 } });
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(await client.chat.completions.create(request).then(() => "ok", (e: { status?: number }) => e.status));
    }
    expect(outcomes).toEqual([500, 500, "ok", "ok"]);
    expect(node.faults().fail?.count).toBe(0);
  });

  it("fails about `rate` of requests", async () => {
    node.setFaults({ fail: { rate: 0.5 } });
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, () => client.chat.completions.create(request).then(() => 1, () => 0)),
    );
    const served = outcomes.reduce<number>((a, b) => a + b, 0);
    expect(served).toBeGreaterThan(60);
    expect(served).toBeLessThan(140);
  });

  it("hangs before the first byte for hang.ms", async () => {
    node.setFaults({ hang: { ms: 150 } });
    const started = performance.now();
    const response = await client.chat.completions.create(request);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(response.usage?.completion_tokens).toBe(10);
  });

  it("hangs until the client gives up without hang.ms", async () => {
    node.setFaults({ hang: {} });
    const impatient = clientFor(node.url, { timeout: 100 });
    await expect(impatient.chat.completions.create(request)).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it("resets the connection mid-stream after N tokens", async () => {
    node.setFaults({ resetAfterTokens: 3 });
    const before = node.stats().completionTokens;
    const { contents, error } = await readStream();
    expect(contents).toHaveLength(3);
    expect(error).toBeInstanceOf(Error);
    expect(node.stats().completionTokens - before).toBe(3);
  });

  it("resets a non-streaming request without any response", async () => {
    node.setFaults({ resetAfterTokens: 3 });
    await expect(client.chat.completions.create(request)).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
  });

  it("sends vLLM's mid-stream error event after N tokens", async () => {
    node.setFaults({ errorAfterTokens: 4 });
    const { contents, error } = await readStream();
    expect(contents).toHaveLength(4);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({ type: "InternalServerError", code: 500 });
  });

  it("answers a non-streaming request with 500 when the error fires", async () => {
    node.setFaults({ errorAfterTokens: 4 });
    await expect(client.chat.completions.create(request)).rejects.toBeInstanceOf(OpenAI.InternalServerError);
  });

  it("omits usage even when asked", async () => {
    node.setFaults({ omitUsage: true });
    const chunks = [];
    for await (const chunk of await client.chat.completions.create(streamRequest)) chunks.push(chunk);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("length");
    const plain = await client.chat.completions.create(request);
    expect(plain.usage).toBeUndefined();
  });

  it("answers /health with 503 when unhealthy", async () => {
    node.setFaults({ unhealthy: true });
    expect((await fetch(`${node.url}/health`)).status).toBe(503);
  });

  it("reads, replaces and clears faults over HTTP", async () => {
    const post = await fetch(`${node.url}/sim/faults`, { method: "POST", body: JSON.stringify({ omitUsage: true, slowdown: 2 }) });
    expect(await post.json()).toEqual({ omitUsage: true, slowdown: 2 });
    expect(await (await fetch(`${node.url}/sim/faults`)).json()).toEqual({ omitUsage: true, slowdown: 2 });
    expect((await fetch(`${node.url}/sim/faults`, { method: "DELETE" })).status).toBe(200);
    expect(await (await fetch(`${node.url}/sim/faults`)).json()).toEqual({});
    const bad = await fetch(`${node.url}/sim/faults`, { method: "POST", body: JSON.stringify({ fail: { rate: 2 } }) });
    expect(bad.status).toBe(400);
  });
});

describe("slowdown (needs simulated time, so speed > 0)", () => {
  it("stretches a request's simulated latency by the factor", async () => {
    const slow = await startSimNode({ speed: 50, faults: { slowdown: 4 } });
    try {
      const response = await clientFor(slow.url).chat.completions.create({ ...request, max_tokens: 5 });
      const expected = soloRequestSeconds(nodeProfile(), response.usage?.prompt_tokens ?? 0, 5).e2eS * 4;
      const metrics = await scrape(slow.url);
      expect(histogram(metrics, "vllm:e2e_request_latency_seconds").sum).toBeCloseTo(expected, 6);
      expect(metricValue(metrics, "vllm:request_success_total", { finished_reason: "length" })).toBe(1);
    } finally {
      await slow.stop();
    }
  });
});
