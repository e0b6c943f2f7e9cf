import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, MODEL, type Harness } from "./testing/harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ nodes: 1 });
});
afterAll(async () => {
  await h.stop();
});

async function post(body: string, headers: Record<string, string> = {}, path = "/v1/chat/completions") {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${h.key}`, "content-type": "application/json", ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as { error: { message: string; type: string; param: string | null; code: string | null } } };
}

const chat = (extra: object) => JSON.stringify({ model: MODEL, messages: [{ role: "user", content: "hi" }], ...extra });

describe("bad input is refused before any upstream call, in OpenAI's error format", () => {
  it.each([
    ["no key", chat({}), { authorization: "" }, 401, "invalid_api_key", null],
    ["a wrong key", chat({}), { authorization: "Bearer sk-notarealkey0000000000000000000000000" }, 401, "invalid_api_key", null],
    ["not a bearer header", chat({}), { authorization: "Basic abc" }, 401, "invalid_api_key", null],
    ["malformed JSON", "{not json", {}, 400, "invalid_json", null],
    ["a JSON array", "[]", {}, 400, "invalid_request", null],
    ["messages of the wrong type", JSON.stringify({ model: MODEL, messages: "hi" }), {}, 400, "invalid_request", "messages"],
    ["no messages", JSON.stringify({ model: MODEL, messages: [] }), {}, 400, "invalid_request", "messages"],
    ["max_tokens a string", chat({ max_tokens: "ten" }), {}, 400, "invalid_request", "max_tokens"],
    ["max_tokens zero", chat({ max_tokens: 0 }), {}, 400, "invalid_request", "max_tokens"],
    ["temperature out of range", chat({ temperature: 7 }), {}, 400, "invalid_request", "temperature"],
    ["an unknown model", chat({ model: "gpt-4o" }), {}, 404, "model_not_found", "model"],
    ["max_tokens over the context", chat({ max_tokens: 5000 }), {}, 400, "context_length_exceeded", "max_tokens"],
    ["a prompt over the context", JSON.stringify({ model: MODEL, messages: [{ role: "user", content: "很长的问题。".repeat(2000) }] }), {}, 400, "context_length_exceeded", "messages"],
  ])("%s", async (_name, body, headers, status, code, param) => {
    const before = h.upstreamRequests();
    const rowsBefore = (await h.usageRows()).length;
    const res = await post(body, headers as Record<string, string>);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code, param });
    expect(typeof res.body.error.message).toBe("string");
    expect(h.upstreamRequests()).toBe(before);
    expect((await h.usageRows()).length).toBe(rowsBefore);
  });

  it("refuses a body over the limit with 413 before reading it", async () => {
    const before = h.upstreamRequests();
    const res = await post(chat({ padding: "x".repeat(h.plane.deps.bodyLimit) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("request_too_large");
    expect(h.upstreamRequests()).toBe(before);
  });

  it("answers unknown endpoints with 404 in the same format", async () => {
    const res = await post(chat({}), {}, "/v1/embeddings");
    expect(res.status).toBe(404);
    expect(res.body.error.type).toBe("invalid_request_error");
  });

  it("gives vLLM's wording for an overlong request", async () => {
    const res = await post(chat({ max_tokens: 5000 }));
    expect(res.body.error.message).toMatch(/^'max_tokens' or 'max_completion_tokens' is too large: 5000\. This model's maximum context length is 4096 tokens and your request has \d+ input tokens/);
  });

  it("never forwards the caller's Authorization header", async () => {
    const seen: string[] = [];
    const { createServer } = await import("node:http");
    const spy = createServer((req, res) => {
      if (req.method === "POST") seen.push(String(req.headers.authorization ?? ""));
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: "x", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }], usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 } }));
    });
    await new Promise<void>((r) => spy.listen(0, "127.0.0.1", r));
    const { registerNodes } = await import("@/server/cluster");
    const { getDb } = await import("@/server/db");
    await getDb().clusterNode.updateMany({ data: { enabled: false } });
    await registerNodes([{ name: "spy", baseUrl: `http://127.0.0.1:${(spy.address() as { port: number }).port}`, model: MODEL, maxModelLen: 4096 }]);
    await h.plane.deps.pool.refresh();
    const res = await post(chat({}));
    expect(res.status).toBe(200);
    expect(seen).toEqual([""]);
    spy.close();
  });
});
