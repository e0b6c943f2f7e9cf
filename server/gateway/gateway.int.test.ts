import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, MODEL, type Harness } from "./testing/harness";

let h: Harness;
const hello = [{ role: "user" as const, content: "你好" }];

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

async function collect(stream: AsyncIterable<{ choices: unknown[]; usage?: unknown }>) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe("OpenAI-compatible chat through the gateway", () => {
  it("streamed and non-streamed calls with one seed record identical tokens", async () => {
    const client = h.client();
    const plain = await client.chat.completions.create({ model: MODEL, messages: hello, seed: 7, max_tokens: 40 });
    const chunks = await collect(
      await client.chat.completions.create({ model: MODEL, messages: hello, seed: 7, max_tokens: 40, stream: true, stream_options: { include_usage: true } }),
    );
    const streamedUsage = chunks.at(-1)!.usage as { prompt_tokens: number; completion_tokens: number };
    expect(plain.usage!.prompt_tokens).toBe(30);
    expect(streamedUsage).toMatchObject({ prompt_tokens: plain.usage!.prompt_tokens, completion_tokens: plain.usage!.completion_tokens });
    const rows = (await h.usageRows()).slice(-2);
    expect(rows.map((r) => [r.stream, r.promptTokens, r.completionTokens, r.tokenSource, r.status])).toEqual([
      [false, 30, plain.usage!.completion_tokens, "upstream", "ok"],
      [true, 30, plain.usage!.completion_tokens, "upstream", "ok"],
    ]);
  });

  it("gives the usage chunk only to a client that asked for it, and accounts exactly either way", async () => {
    const client = h.client();
    const asked = await collect(await client.chat.completions.create({ model: MODEL, messages: hello, seed: 3, max_tokens: 20, stream: true, stream_options: { include_usage: true } }));
    const notAsked = await collect(await client.chat.completions.create({ model: MODEL, messages: hello, seed: 3, max_tokens: 20, stream: true }));
    expect(asked.filter((c) => c.usage)).toHaveLength(1);
    expect(asked.at(-1)!.choices).toEqual([]);
    expect(notAsked.filter((c) => c.usage)).toHaveLength(0);
    expect(notAsked.every((c) => c.choices.length > 0)).toBe(true);
    const [a, b] = (await h.usageRows()).slice(-2);
    expect(b!.tokenSource).toBe("upstream");
    expect([b!.promptTokens, b!.completionTokens]).toEqual([a!.promptTokens, a!.completionTokens]);
  });

  it("returns x-request-id, which is the usage event's key", async () => {
    const { response } = await h.client().chat.completions.create({ model: MODEL, messages: hello, max_tokens: 5 }).withResponse();
    const id = response.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await h.usageRows()).map((r) => r.requestId)).toContain(id);
  });

  it("attributes usage to the key's tenant, department and member", async () => {
    await h.client().completions.create({ model: MODEL, prompt: "Once upon a time", max_tokens: 8 });
    const row = (await h.usageRows()).at(-1)!;
    expect(row).toMatchObject({
      endpoint: "completions",
      tenantId: h.tenant.tenantId,
      departmentId: h.tenant.departmentIds[0],
      userId: h.tenant.member.userId,
      source: "api",
      status: "ok",
      httpStatus: 200,
    });
    expect(row.apiKeyId).not.toBeNull();
    expect(row.nodeId).not.toBeNull();
    expect(row.completionTokens).toBe(8);
  });

  it("lists the served models with their context length", async () => {
    const models = await h.client().models.list();
    expect(models.data.map((m) => [m.id, (m as unknown as { max_model_len: number }).max_model_len])).toEqual([[MODEL, 4096]]);
  });
});
