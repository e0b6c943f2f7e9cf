import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { renderChatPrompt } from "./chat-template";
import { startSimNode, type SimNode } from "./index";
import { clientFor, histogram, metricValue, MODEL, scrape } from "./test-support";
import { countTokens, encode } from "./tokenizer";

let node: SimNode;
let client: OpenAI;

beforeAll(async () => {
  node = await startSimNode({ speed: 0, maxModelLen: 4096 });
  client = clientFor(node.url);
});

afterAll(async () => {
  await node.stop();
});

const hello = [{ role: "user" as const, content: "你好" }];

async function collect(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) {
  const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
  return { chunks, text };
}

describe("chat completions", () => {
  it("counts prompt tokens with the real tokenizer: one user turn 你好 is 30", async () => {
    const response = await client.chat.completions.create({ model: MODEL, messages: hello, max_tokens: 5 });
    expect(response.usage?.prompt_tokens).toBe(30);
    expect(response.usage?.completion_tokens).toBe(5);
    expect(response.usage?.total_tokens).toBe(35);
    expect(response.choices[0]?.finish_reason).toBe("length");
    expect(response.object).toBe("chat.completion");
    expect(response.id).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
  });

  it("counts a known multi-turn conversation exactly", async () => {
    const messages = [
      { role: "system" as const, content: "You are a cost analyst." },
      { role: "user" as const, content: "What does one GPU hour cost?" },
      { role: "assistant" as const, content: "About 2 CNY including power." },
      { role: "user" as const, content: "And per million tokens?" },
    ];
    const response = await client.chat.completions.create({ model: MODEL, messages, max_tokens: 1 });
    expect(response.usage?.prompt_tokens).toBe(countTokens(renderChatPrompt(messages)));
    expect(response.usage?.prompt_tokens).toBe(49);
  });

  it("gives the same text and usage streamed and not streamed for the same seed", async () => {
    const request = { model: MODEL, messages: hello, seed: 1234, max_tokens: 200 };
    const plain = await client.chat.completions.create(request);
    const streamed = await collect(
      await client.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } }),
    );
    expect(streamed.text).toBe(plain.choices[0]?.message.content);
    expect(streamed.chunks.at(-1)?.usage).toEqual({
      prompt_tokens: plain.usage?.prompt_tokens,
      completion_tokens: plain.usage?.completion_tokens,
      total_tokens: plain.usage?.total_tokens,
      prompt_tokens_details: null,
    });
    expect(encode(streamed.text).length).toBe(plain.usage?.completion_tokens);
  });

  it("streams one token per chunk and sends the usage chunk last, with no choices, only when asked", async () => {
    const withUsage = await collect(
      await client.chat.completions.create({
        model: MODEL,
        messages: hello,
        max_tokens: 8,
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    const last = withUsage.chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBe(8);
    expect(withUsage.chunks.slice(0, -1).every((c) => c.usage == null)).toBe(true);
    expect(withUsage.chunks[0]?.choices[0]?.delta).toEqual({ role: "assistant", content: "" });
    const contentChunks = withUsage.chunks.filter((c) => c.choices[0]?.delta.content);
    expect(contentChunks.length).toBe(8);
    expect(contentChunks.every((c) => encode(c.choices[0]?.delta.content ?? "").length === 1)).toBe(true);
    expect(withUsage.chunks.at(-2)?.choices[0]?.finish_reason).toBe("length");

    const without = await collect(
      await client.chat.completions.create({ model: MODEL, messages: hello, max_tokens: 8, stream: true }),
    );
    expect(without.chunks.every((c) => c.usage == null && c.choices.length === 1)).toBe(true);
  });

  it("adds running usage to every chunk with continuous_usage_stats", async () => {
    const { chunks } = await collect(
      await client.chat.completions.create({
        model: MODEL,
        messages: hello,
        max_tokens: 4,
        stream: true,
        stream_options: { include_usage: true, continuous_usage_stats: true },
      } as OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming),
    );
    expect(chunks.map((c) => c.usage?.completion_tokens)).toEqual([0, 1, 2, 3, 4, 4]);
    expect(chunks.every((c) => c.usage?.prompt_tokens === 30)).toBe(true);
  });

  it("returns the same text for the same seed, and different text without one", async () => {
    const ask = (seed?: number) =>
      client.chat.completions.create({ model: MODEL, messages: hello, seed, max_tokens: 60, temperature: 0.7 });
    const [a, b, c, d] = await Promise.all([ask(9), ask(9), ask(), ask()]);
    expect(a.choices[0]?.message.content).toBe(b.choices[0]?.message.content);
    expect(c.choices[0]?.message.content).not.toBe(d.choices[0]?.message.content);
    expect(a.choices[0]?.message.content).toMatch(/[\u4e00-\u9fff]/);
  });

  it("answers n choices and sums their tokens in usage", async () => {
    const response = await client.chat.completions.create({ model: MODEL, messages: hello, n: 3, seed: 5, max_tokens: 30 });
    expect(response.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    const total = response.choices.reduce((sum, c) => sum + encode(c.message.content ?? "").length, 0);
    expect(response.usage?.completion_tokens).toBe(total);
    expect(response.usage?.prompt_tokens).toBe(30);
  });

  it("honours max_completion_tokens over max_tokens", async () => {
    const response = await client.chat.completions.create({
      model: MODEL,
      messages: hello,
      max_tokens: 50,
      max_completion_tokens: 3,
    });
    expect(response.usage?.completion_tokens).toBe(3);
  });

  it("stops at a stop string and reports it as stop_reason", async () => {
    const base = await client.chat.completions.create({ model: MODEL, messages: hello, seed: 77, max_tokens: 100 });
    const text = base.choices[0]?.message.content ?? "";
    const stop = text.slice(10, 12);
    const stopped = await client.chat.completions.create({ model: MODEL, messages: hello, seed: 77, max_tokens: 100, stop });
    expect(stopped.choices[0]?.message.content).toBe(text.slice(0, text.indexOf(stop)));
    expect(stopped.choices[0]?.finish_reason).toBe("stop");
    expect((stopped.choices[0] as unknown as { stop_reason: string }).stop_reason).toBe(stop);
  });

  it("produces JSON matching a json_schema response format", async () => {
    const schema: z.core.JSONSchema.JSONSchema = {
      type: "object",
      properties: {
        department: { type: "string" },
        monthly_tokens: { type: "integer", minimum: 0 },
        approved: { type: "boolean" },
        items: { type: "array", items: { type: "object", properties: { sku: { type: "string" } }, required: ["sku"] } },
      },
      required: ["department", "monthly_tokens", "approved", "items"],
    };
    const response = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "Give me a budget request as JSON" }],
      response_format: { type: "json_schema", json_schema: { name: "budget", schema } },
      max_tokens: 500,
    });
    const content = response.choices[0]?.message.content ?? "";
    expect(z.fromJSONSchema(schema).safeParse(JSON.parse(content)).success).toBe(true);
    expect(response.usage?.completion_tokens).toBe(encode(content).length);
  });

  it("produces a JSON object for json_object", async () => {
    const response = await client.chat.completions.create({
      model: MODEL,
      messages: hello,
      response_format: { type: "json_object" },
    });
    expect(typeof JSON.parse(response.choices[0]?.message.content ?? "")).toBe("object");
  });
});

describe("completions", () => {
  it("counts the raw prompt, defaults to 16 tokens, and streams text chunks", async () => {
    const plain = await client.completions.create({ model: MODEL, prompt: "Once upon a time", seed: 3 });
    expect(plain.usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 16, total_tokens: 20 });
    expect(plain.object).toBe("text_completion");
    const chunks: OpenAI.Completions.Completion[] = [];
    for await (const chunk of await client.completions.create({
      model: MODEL,
      prompt: "Once upon a time",
      seed: 3,
      stream: true,
      stream_options: { include_usage: true },
    })) {
      chunks.push(chunk);
    }
    expect(chunks.map((c) => c.choices[0]?.text ?? "").join("")).toBe(plain.choices[0]?.text);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(16);
  });

  it("accepts token ids and lists of prompts", async () => {
    const ids = await client.completions.create({ model: MODEL, prompt: [9707, 1879], max_tokens: 2 });
    expect(ids.usage?.prompt_tokens).toBe(2);
    const batch = await client.completions.create({ model: MODEL, prompt: ["Hello", "你好"], max_tokens: 2 });
    expect(batch.choices.map((c) => c.index)).toEqual([0, 1]);
    expect(batch.usage?.prompt_tokens).toBe(2);
    expect(batch.usage?.completion_tokens).toBe(4);
  });
});

describe("errors, as vLLM words them", () => {
  async function rawPost(path: string, body: unknown) {
    const response = await fetch(`${node.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { error: Record<string, unknown> } };
  }

  it("refuses a prompt longer than the context", async () => {
    const content = "hello ".repeat(5000);
    const promptTokens = countTokens(renderChatPrompt([{ role: "user", content }]));
    const { status, body } = await rawPost("/v1/chat/completions", { model: MODEL, messages: [{ role: "user", content }] });
    expect(status).toBe(400);
    expect(body).toEqual({
      error: {
        message:
          `This model's maximum context length is 4096 tokens. However, your request has ${promptTokens} input tokens. ` +
          "Please reduce the length of the input messages.",
        type: "BadRequestError",
        param: null,
        code: 400,
      },
    });
  });

  it("refuses max_tokens that do not fit beside the prompt", async () => {
    const { status, body } = await rawPost("/v1/chat/completions", { model: MODEL, messages: hello, max_tokens: 4090 });
    expect(status).toBe(400);
    expect(body.error.message).toBe(
      "'max_tokens' or 'max_completion_tokens' is too large: 4090. This model's maximum context length is 4096 tokens " +
        "and your request has 30 input tokens (4090 > 4096 - 30).",
    );
  });

  it("surfaces as BadRequestError in the SDK", async () => {
    await expect(
      client.chat.completions.create({ model: MODEL, messages: hello, max_tokens: 5000 }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it.each([
    [{ temperature: -1 }, "temperature must be non-negative, got -1."],
    [{ top_p: 2 }, "top_p must be in (0, 1], got 2."],
    [{ n: 0 }, "n must be at least 1, got 0."],
    [{ max_tokens: 0 }, "max_tokens must be at least 1, got 0."],
    [{ stream_options: { include_usage: true } }, "Stream options can only be defined when `stream=True`."],
  ])("400 for bad parameters %j", async (extra, message) => {
    const { status, body } = await rawPost("/v1/chat/completions", { model: MODEL, messages: hello, ...extra });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ message, type: "BadRequestError", code: 400 });
  });

  it("400 for a malformed body", async () => {
    const { status, body } = await rawPost("/v1/chat/completions", { model: MODEL, messages: "hi" });
    expect(status).toBe(400);
    expect(body.error.type).toBe("BadRequestError");
  });

  it("404 NotFoundError for an unknown model", async () => {
    const { status, body } = await rawPost("/v1/chat/completions", { model: "gpt-4", messages: hello });
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ message: "The model `gpt-4` does not exist.", type: "NotFoundError", code: 404 });
  });
});

describe("other endpoints", () => {
  it("lists the model with its max_model_len", async () => {
    const models = await client.models.list();
    expect(models.data).toHaveLength(1);
    expect(models.data[0]).toMatchObject({ id: MODEL, object: "model", owned_by: "vllm", root: MODEL, max_model_len: 4096 });
  });

  it("answers /health with 200 and an empty body", async () => {
    const response = await fetch(`${node.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });
});

describe("/metrics", () => {
  it("counts exactly the tokens served, in vLLM's and DCGM's names", async () => {
    const fresh = await startSimNode({ speed: 0 });
    try {
      const c = clientFor(fresh.url);
      const responses = await Promise.all(
        [1, 2, 3, 4, 5].map((seed) =>
          c.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: `Question ${seed}` }], seed, max_tokens: 40 }),
        ),
      );
      const streamed = await collect(
        await c.chat.completions.create({
          model: MODEL,
          messages: hello,
          max_tokens: 7,
          stream: true,
          stream_options: { include_usage: true },
        }),
      );
      const usages = [...responses.map((r) => r.usage), streamed.chunks.at(-1)?.usage];
      const prompt = usages.reduce((sum, u) => sum + (u?.prompt_tokens ?? 0), 0);
      const completion = usages.reduce((sum, u) => sum + (u?.completion_tokens ?? 0), 0);

      const metrics = await scrape(fresh.url);
      const labels = { model_name: MODEL };
      expect(metricValue(metrics, "vllm:prompt_tokens_total", labels)).toBe(prompt);
      expect(metricValue(metrics, "vllm:generation_tokens_total", labels)).toBe(completion);
      expect(metricValue(metrics, "vllm:request_success_total", labels)).toBe(6);
      expect(histogram(metrics, "vllm:time_to_first_token_seconds").count).toBe(6);
      expect(histogram(metrics, "vllm:e2e_request_latency_seconds").count).toBe(6);
      expect(metricValue(metrics, "vllm:num_requests_running")).toBe(0);
      expect(metricValue(metrics, "vllm:num_requests_waiting")).toBe(0);
      expect(metricValue(metrics, "vllm:kv_cache_usage_perc")).toBe(0);
      expect(metricValue(metrics, "DCGM_FI_DEV_POWER_USAGE", { gpu: "0" })).toBeGreaterThan(25);
      expect(metricValue(metrics, "DCGM_FI_DEV_POWER_USAGE", { gpu: "0" })).toBeLessThan(250);
      expect(metricValue(metrics, "DCGM_FI_DEV_GPU_UTIL", { gpu: "0" })).toBeGreaterThan(0);
      expect(fresh.stats()).toEqual({ promptTokens: prompt, completionTokens: completion, requests: 6 });
    } finally {
      await fresh.stop();
    }
  });
});
