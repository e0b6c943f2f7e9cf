import { describe, expect, it } from "vitest";
import { base62, displayPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from "./key-format";

describe("api key format", () => {
  it("is sk- and 43 base62 digits, with a 12-character display prefix", () => {
    const { key, prefix } = generateApiKey();
    expect(key).toMatch(/^sk-[0-9A-Za-z]{43}$/);
    expect(prefix).toBe(key.slice(0, 12));
    expect(prefix).toHaveLength(12);
    expect(looksLikeApiKey(key)).toBe(true);
  });

  it("never repeats", () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey().key));
    expect(keys.size).toBe(1000);
  });

  it("stores the SHA-256 hex of the whole key", () => {
    const { key, hash } = generateApiKey();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashApiKey(key));
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it.each([
    [[0], 3, "000"],
    [[61], 2, "0z"],
    [[62], 2, "10"],
    [[0xff, 0xff], 3, "H31"],
    [new Array(32).fill(0xff), 43, "yhjskwdA6OZ1AL1YmHWZWm8LLG7HjnuCA2j5rOw8Xp1"],
  ])("base62(%j, %i) = %s", (bytes, length, expected) => {
    expect(base62(Uint8Array.from(bytes), length)).toBe(expected);
  });

  it.each(["", "sk-", "sk-short", `pk-${"a".repeat(43)}`, `sk-${"a".repeat(42)}!`, `sk-${"a".repeat(44)}`, ` sk-${"a".repeat(43)}`])(
    "refuses %j as malformed",
    (raw) => expect(looksLikeApiKey(raw)).toBe(false),
  );

  it("display prefix is the first 12 characters", () => {
    expect(displayPrefix("sk-AbCd1234EfGh")).toBe("sk-AbCd1234E");
  });
});
