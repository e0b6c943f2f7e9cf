import { describe, expect, it } from "vitest";
import { countChatPromptTokens, countCompletionPromptTokens, countTextTokens, renderChatPrompt } from "./tokens";

describe("Qwen token counts", () => {
  it("counts one user turn of 你好 with the default system prompt as 30 tokens", () => {
    expect(countChatPromptTokens([{ role: "user", content: "你好" }])).toBe(30);
  });

  it("renders ChatML with the default system prompt only when none is given", () => {
    expect(renderChatPrompt([{ role: "user", content: "hi" }])).toBe(
      "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
    );
    expect(renderChatPrompt([{ role: "system", content: "Be brief." }, { role: "user", content: "hi" }])).toBe(
      "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
    );
  });

  it("counts special tokens as one token each", () => {
    const withSystem = countChatPromptTokens([{ role: "system", content: "" }, { role: "user", content: "" }]);
    expect(withSystem).toBe(countTextTokens("<|im_start|>system\n<|im_end|>\n<|im_start|>user\n<|im_end|>\n<|im_start|>assistant\n"));
    expect(withSystem).toBeLessThan(15);
  });

  it("counts plain text without special tokens", () => {
    expect(countTextTokens("")).toBe(0);
    expect(countTextTokens("hello world")).toBe(2);
  });

  it("sums a list of completion prompts, as vLLM's usage does", () => {
    expect(countCompletionPromptTokens("hello world")).toBe(2);
    expect(countCompletionPromptTokens(["hello world", "hello world"])).toBe(4);
  });
});
