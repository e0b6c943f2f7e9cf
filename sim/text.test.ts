import { describe, expect, it } from "vitest";
import { z } from "zod";
import { renderChatPrompt, replyLanguage } from "./chat-template";
import { formatJson, generateJson } from "./json-generator";
import { createRng } from "./rng";
import { applyStopStrings, generateReply, replyText, replyUnits } from "./text-generator";
import { countTokens, countTokensAsync, encode, LONG_TEXT_CHARS, splitForCounting } from "./tokenizer";

const unlimited = { maxTokens: 100_000, minTokens: 0, ignoreEos: false };

describe("prompt tokens", () => {
  it("renders Qwen2.5's ChatML with its default system prompt: one user turn 你好 is 30 tokens", () => {
    const prompt = renderChatPrompt([{ role: "user", content: "你好" }]);
    expect(prompt).toBe(
      "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n" +
        "<|im_start|>user\n你好<|im_end|>\n<|im_start|>assistant\n",
    );
    expect(countTokens(prompt)).toBe(30);
    expect(encode(prompt).slice(0, 1)).toEqual([151644]);
  });

  it("keeps a caller's own system prompt instead of the default", () => {
    const prompt = renderChatPrompt([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
    ]);
    expect(prompt.startsWith("<|im_start|>system\nBe brief.<|im_end|>\n")).toBe(true);
    expect(prompt).not.toContain("Alibaba");
  });

  it("counts a long prompt in slices without changing the count", async () => {
    const paragraph = "Cost per token, 每个令牌的成本。Hello world!\n  Indented line: values 1234.5;\tTabs\n\n";
    const text = paragraph.repeat(Math.ceil((LONG_TEXT_CHARS * 2) / paragraph.length));
    expect(splitForCounting(text).length).toBeGreaterThan(3);
    expect(await countTokensAsync(text)).toBe(encode(text).length);
  });

  it("answers in the language of the last user turn", () => {
    expect(replyLanguage([{ role: "user", content: "Explain the cost" }])).toBe("en");
    expect(replyLanguage([{ role: "user", content: "Explain" }, { role: "user", content: "解释成本" }])).toBe("zh");
  });
});

describe("generated replies", () => {
  it.each(["en", "zh"] as const)("%s: re-tokenizing the text gives exactly completion_tokens", (language) => {
    for (let seed = 0; seed < 100; seed++) {
      const reply = generateReply(language, createRng(seed), unlimited);
      expect(encode(replyText(reply)).length).toBe(reply.completionTokens);
    }
  });

  it.each(["en", "zh"] as const)("%s: every streamed piece is a single Qwen token", (language) => {
    const units = replyUnits()[language];
    const pieces = [...units.openings, ...units.nextSentence, ...units.nextParagraph, units.end].flat();
    expect(pieces.every((piece) => piece.tokens === 1)).toBe(true);
  });

  it("stops at max_tokens with finish_reason length", () => {
    const reply = generateReply("en", createRng(7), { maxTokens: 5, minTokens: 0, ignoreEos: true });
    expect(reply.completionTokens).toBe(5);
    expect(reply.finishReason).toBe("length");
    expect(encode(replyText(reply)).length).toBe(5);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const a = replyText(generateReply("en", createRng(42), unlimited));
    expect(replyText(generateReply("en", createRng(42), unlimited))).toBe(a);
    expect(replyText(generateReply("en", createRng(43), unlimited))).not.toBe(a);
  });

  it("ends on a full sentence when it stops by itself", () => {
    const reply = generateReply("zh", createRng(3), unlimited);
    expect(reply.finishReason).toBe("stop");
    expect(replyText(reply).endsWith("。")).toBe(true);
  });

  it("cuts at a stop string, counting the token that completed it", () => {
    const reply = generateReply("en", createRng(1), { maxTokens: 200, minTokens: 0, ignoreEos: true });
    const text = replyText(reply);
    const stop = text.slice(40, 46);
    const stopped = applyStopStrings(reply, [stop]);
    expect(replyText(stopped)).toBe(text.slice(0, text.indexOf(stop)));
    expect(stopped.finishReason).toBe("stop");
    expect(stopped.stopReason).toBe(stop);
    expect(stopped.completionTokens).toBe(encode(text.slice(0, text.indexOf(stop) + stop.length)).length);
  });
});

describe("structured output", () => {
  const schema: z.core.JSONSchema.JSONSchema = {
    type: "object",
    properties: {
      name: { type: "string", maxLength: 20 },
      age: { type: "integer", minimum: 18, maximum: 99 },
      score: { type: "number", minimum: 0, maximum: 1 },
      tags: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 3 },
      level: { enum: ["low", "mid", "high"] },
      address: { $ref: "#/$defs/address" },
      email: { type: "string", format: "email" },
      active: { type: "boolean" },
    },
    required: ["name", "age", "score", "tags", "level", "address", "email", "active"],
    additionalProperties: false,
    $defs: { address: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
  };

  it("produces JSON that validates against the schema, for many seeds", () => {
    const validator = z.fromJSONSchema(schema);
    for (let seed = 0; seed < 50; seed++) {
      const text = formatJson(generateJson(schema, createRng(seed), seed % 2 ? "zh" : "en"));
      expect(validator.safeParse(JSON.parse(text)).success).toBe(true);
    }
  });

  it("lays JSON out as Python's json.dumps does", () => {
    expect(formatJson({ a: 1, b: [true, null], c: { d: "x" } })).toBe('{"a": 1, "b": [true, null], "c": {"d": "x"}}');
  });
});
