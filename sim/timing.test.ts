import { describe, expect, it } from "vitest";
import {
  cardPowerWatts,
  kvCapacityTokens,
  KV_BYTES_PER_TOKEN,
  maxResidentSeqs,
  nodeProfile,
  soloRequestSeconds,
  stepSeconds,
  steadyStateOutputTokensPerS,
} from "./timing";

const fp16 = nodeProfile({ precision: "fp16" });
const awq = nodeProfile({ precision: "awq-4bit" });

describe("calibration against toolchain.md's published figures (one card)", () => {
  // Mistral-7B fp16, 256 in / 128 out, closed loop at each concurrency.
  it.each([
    [4, 210],
    [8, 377],
    [16, 644],
    [32, 975],
    [48, 1190],
  ])("fp16 at %i streams gives %i tok/s within 5%%", (concurrency, published) => {
    const modelled = steadyStateOutputTokensPerS(fp16, concurrency, 256, 128);
    expect(Math.abs(modelled - published) / published).toBeLessThan(0.05);
  });

  it("fp16 single stream decodes at 59 tok/s, under the 66 tok/s bandwidth ceiling", () => {
    expect(1 / stepSeconds(fp16, 1, 0)).toBeCloseTo(59, 6);
    expect(1 / stepSeconds(fp16, 1, 0)).toBeLessThan(66);
  });

  it("saturated 100 in / 600 out lands near the published 3,580 tok/s", () => {
    const modelled = steadyStateOutputTokensPerS(fp16, 300, 100, 600);
    expect(modelled).toBeGreaterThan(3580 * 0.9);
    expect(modelled).toBeLessThan(3580 * 1.1);
  });

  it("AWQ single stream is in the published 175-195 tok/s band", () => {
    const single = 1 / stepSeconds(awq, 1, 0);
    expect(single).toBeGreaterThan(175);
    expect(single).toBeLessThan(195);
  });

  it("AWQ cuts latency by 15-20% at 32 streams", () => {
    const latency = (p: typeof fp16) => 128 / (steadyStateOutputTokensPerS(p, 32, 256, 128) / 32);
    const saving = 1 - latency(awq) / latency(fp16);
    expect(saving).toBeGreaterThan(0.15);
    expect(saving).toBeLessThan(0.2);
  });
});

describe("memory", () => {
  it("uses 57,344 bytes of KV cache per token", () => {
    expect(KV_BYTES_PER_TOKEN).toBe(57_344);
  });

  it.each([
    ["fp16", 1, 116_384],
    ["fp16", 2, 498_368],
    ["awq-4bit", 1, 209_344],
  ] as const)("%s on %i card(s) holds %i tokens", (precision, gpus, tokens) => {
    expect(kvCapacityTokens(gpus, precision)).toBe(tokens);
  });

  it("caps resident sequences by KV cache and by max_num_seqs", () => {
    expect(maxResidentSeqs(fp16, 16_000, 16_384)).toBe(3);
    expect(maxResidentSeqs(fp16, 100, 28)).toBe(256);
  });
});

describe("latency of a lone request", () => {
  it.each([
    [30, 1, 0.0218, 0.0218],
    [256, 128, 0.0595, 2.212],
    [4096, 1, 0.7163, 0.7163],
  ])("%i prompt tokens, %i output tokens: TTFT %f s, e2e %f s", (prompt, output, ttft, e2e) => {
    const times = soloRequestSeconds(fp16, prompt, output);
    expect(times.ttftS).toBeCloseTo(ttft, 4);
    expect(times.e2eS).toBeCloseTo(e2e, 4);
  });

  it("tensor parallelism speeds up each step", () => {
    expect(stepSeconds(nodeProfile({ gpus: 2 }), 1, 0)).toBeCloseTo(stepSeconds(fp16, 1, 0) / 1.8, 6);
  });
});

describe("power per card", () => {
  it.each([
    [0, 0, 25],
    [1, 32, 248],
    [1, 1, 150.8],
    [0.5, 32, 136.5],
  ])("utilisation %f with batch %i draws %f W", (utilisation, batch, watts) => {
    expect(cardPowerWatts(fp16, utilisation, batch)).toBeCloseTo(watts, 0);
  });

  it("never exceeds the 425 W TDP", () => {
    expect(cardPowerWatts(fp16, 1, 1000)).toBeLessThan(425);
  });
});
