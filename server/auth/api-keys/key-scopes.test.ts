import { describe, expect, it } from "vitest";
import { keyAllows, keySettings, type KeyEndpoint } from "./key-scopes";

const key = (endpoints: string[], models: string[]) => ({ endpoints, models });

describe("keyAllows", () => {
  it.each<[string[], string[], KeyEndpoint, string | null, boolean]>([
    [[], [], "chat.completions", "qwen", true],
    [[], [], "models", null, true],
    [["chat.completions"], [], "chat.completions", "qwen", true],
    [["chat.completions"], [], "completions", "qwen", false],
    [["chat.completions"], [], "models", null, false],
    [[], ["qwen"], "chat.completions", "qwen", true],
    [[], ["qwen"], "chat.completions", "llama", false],
    [[], ["qwen"], "chat.completions", "Qwen", false],
    [[], ["qwen"], "models", null, true],
    [["completions", "models"], ["a", "b"], "completions", "b", true],
    [["completions", "models"], ["a", "b"], "chat.completions", "b", false],
  ])("endpoints %j models %j: %s %s -> %s", (endpoints, models, endpoint, model, expected) => {
    expect(keyAllows(key(endpoints, models), endpoint, model)).toBe(expected);
  });
});

describe("key settings", () => {
  const future = new Date(Date.now() + 3600_000);

  it("defaults to every endpoint and model and drops duplicates", () => {
    expect(keySettings.parse({ name: " ci " })).toEqual({ name: "ci", endpoints: [], models: [] });
    expect(keySettings.parse({ name: "x", endpoints: ["models", "models"], models: ["a", "a", "b"], expiresAt: future })).toEqual({
      name: "x",
      endpoints: ["models"],
      models: ["a", "b"],
      expiresAt: future,
    });
  });

  it.each([
    ["an empty name", { name: "  " }],
    ["a long name", { name: "n".repeat(101) }],
    ["an unknown endpoint", { name: "x", endpoints: ["embeddings"] }],
    ["an empty model id", { name: "x", models: [""] }],
    ["a model id with spaces", { name: "x", models: ["qwen 7b"] }],
    ["a long model id", { name: "x", models: ["m".repeat(201)] }],
    ["too many models", { name: "x", models: Array.from({ length: 51 }, (_, i) => `m${i}`) }],
    ["an expiry in the past", { name: "x", expiresAt: new Date(Date.now() - 1000) }],
  ])("refuses %s", (_label, input) => {
    expect(keySettings.safeParse(input).success).toBe(false);
  });
});
