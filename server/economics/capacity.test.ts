import { describe, expect, it } from "vitest";
import {
  cardsNeeded,
  GIB,
  kvBytesPerToken,
  memoryNeed,
  outputTokensPerMonth,
  quantisationWhatIf,
  QWEN25_7B,
  usableBytesPerCard,
  utilisationWhatIf,
  validTensorParallel,
  weightBytes,
} from "./capacity";
import { dec } from "./money";

const card = { memoryGiB: 24, usableFraction: "0.9" };

describe("memory", () => {
  it("KV cache per token for Qwen2.5-7B fp16 is 57,344 bytes (28 x 4 x 128 x 2 x 2)", () => {
    expect(kvBytesPerToken(QWEN25_7B).toString()).toBe("57344");
    expect(kvBytesPerToken(QWEN25_7B, 1).toString()).toBe("28672"); // fp8 cache
  });

  it.each([
    ["fp16", "15220000000"], // 7.61e9 x 2
    ["int8", "8690000000"], // 6.53e9 x 1 + 1.08e9 embeddings x 2 = 6.53e9 + 2.16e9
    // 6.53e9 x 0.5 x (1 + 20 / 512) + 1.08e9 x 2 = 3,265,000,000 x 1.0390625 + 2,160,000,000
    ["int4", "5552539062.5"],
  ] as const)("%s weights take %s bytes", (precision, expected) => {
    expect(weightBytes(QWEN25_7B, precision).toString()).toBe(expected);
  });

  it("without a non-embedding count quantises everything", () => {
    expect(weightBytes({ ...QWEN25_7B, nonEmbeddingParams: undefined }, "int4").toString()).toBe("3953632812.5"); // 7.61e9 x 0.5 = 3.805e9, x 1.0390625
  });

  it("adds KV cache for context x concurrency", () => {
    const m = memoryNeed({ model: QWEN25_7B, precision: "fp16", contextTokens: 8192, concurrentSequences: 16 });
    expect(m.kvCacheBytes.toString()).toBe(String(57344 * 8192 * 16));
    expect(m.totalBytes.toString()).toBe(String(15220000000 + 57344 * 8192 * 16));
  });
});

describe("cards", () => {
  it("usable memory per card = GiB x fraction", () => {
    expect(usableBytesPerCard(card).toString()).toBe(String(24 * 0.9 * 1024 ** 3));
  });

  it.each([
    [dec(1), 1, 1],
    [GIB.times("21.6"), 1, 1], // exactly one card's usable memory
    [GIB.times("21.7"), 2, 2],
    [GIB.times(60), 3, 4], // 3 cards by memory, but 3 does not divide 28 query / 4 KV heads
    [GIB.times(100), 5, 28], // 5..27 all fail: 28 % r or the KV-head rule (7, 14 fail 4 % r and r % 4)
  ])("%s bytes need %d cards by memory, tensor parallel %d", (bytes, byMemory, tensorParallel) => {
    expect(cardsNeeded(bytes, card, QWEN25_7B)).toEqual({ byMemory, tensorParallel });
  });

  it.each([
    [1, true],
    [2, true],
    [3, false],
    [4, true],
    [7, false], // divides 28 query heads, but neither 4 % 7 nor 7 % 4
    [28, true], // 28 % 4 = 0: KV heads replicated
  ])("tensor parallel %d valid: %s", (ranks, valid) => {
    expect(validTensorParallel(QWEN25_7B, ranks)).toBe(valid);
  });

});

describe("throughput and what-ifs", () => {
  it("tokens a month = cards x tok/s x utilisation x 3,600 x hours x 365 / 12", () => {
    const t = outputTokensPerMonth({ cards: 4, outputTokensPerSecondPerCard: 3580, targetUtilisation: "0.4", hoursPerDay: 12 });
    expect(t.toString()).toBe(String((4 * 3580 * 4 * 3600 * 12 * 365) / 12 / 10));
  });

  it("quantisation rule of thumb: -35 % of 96 GiB = 62.4 GiB, 3 cards by memory", () => {
    const q = quantisationWhatIf(GIB.times(96), { memoryGiB: 24, usableFraction: 1 }, QWEN25_7B);
    expect(q.bytes.div(GIB).toString()).toBe("62.4");
    expect(q.cards.byMemory).toBe(3);
  });

  it("batching 40 % -> 75 % cuts the cost per token by 40/75", () => {
    const [a, b] = utilisationWhatIf(1000, { cards: 1, outputTokensPerSecondPerCard: 1000, hoursPerDay: 24 }, ["0.4", "0.75"]);
    expect(b!.costPer1kOutputTokens!.div(a!.costPer1kOutputTokens!).toString()).toBe(dec("0.4").div("0.75").toString());
  });

  it("zero cards: cost per token is null, not Infinity", () => {
    const [p] = utilisationWhatIf(1000, { cards: 0, outputTokensPerSecondPerCard: 1000, hoursPerDay: 24 }, ["0.5"]);
    expect(p!.costPer1kOutputTokens).toBeNull();
  });
});
