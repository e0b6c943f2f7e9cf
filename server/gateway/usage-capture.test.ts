import { describe, expect, it } from "vitest";
import { generatedText, readUsage } from "./usage-capture";

describe("readUsage", () => {
  it.each([
    [{ prompt_tokens: 30, completion_tokens: 7, total_tokens: 37 }, { promptTokens: 30, completionTokens: 7, cachedTokens: 0 }],
    [{ prompt_tokens: 30, completion_tokens: 7, prompt_tokens_details: { cached_tokens: 16 } }, { promptTokens: 30, completionTokens: 7, cachedTokens: 16 }],
    [{ prompt_tokens: 30, completion_tokens: 7, prompt_tokens_details: null }, { promptTokens: 30, completionTokens: 7, cachedTokens: 0 }],
    [{ prompt_tokens: "30", completion_tokens: 7 }, null],
    [{ prompt_tokens: 30 }, null],
    [{ prompt_tokens: -1, completion_tokens: 2 }, null],
    [null, null],
  ])("%j", (usage, expected) => {
    expect(readUsage(usage as never)).toEqual(expected);
  });
});

describe("generatedText", () => {
  it.each([
    [[{ delta: { content: "你" } }, { delta: { content: "好" } }], "你好"],
    [[{ text: "abc" }], "abc"],
    [[{ message: { content: "whole" } }], "whole"],
    [[{ delta: {} }], ""],
    [[], ""],
    ["nope", ""],
  ])("%j", (choices, expected) => {
    expect(generatedText(choices)).toBe(expected);
  });
});
