/**
 * The timing and capacity model of one vLLM node (RTX 4090D cards, Qwen2.5-7B-Instruct).
 * Pure functions only: the engine, the metrics and the calibration script all read it.
 *
 * A decode step costs a fixed part (reading the weights once, memory-bound) plus a
 * part per running sequence (attention over its KV cache, sampling); prompt tokens
 * scheduled into the same step (chunked prefill) add their compute time. With
 *   fp16: 16.8 ms + 0.157 ms x batch (59 tok/s alone), prefill 6,000 tok/s
 * a closed loop of 256-in/128-out requests reproduces the published Mistral-7B fp16
 * figures on one card (210/377/644/975/1,190 tok/s at 4/8/16/32/48 streams) within 5%,
 * and a saturated 100-in/600-out load gives ~3,500 tok/s (published: ~3,580).
 */

export type Precision = "fp16" | "awq-4bit";

export const CARD = {
  name: "NVIDIA GeForce RTX 4090 D",
  memoryBytes: 24 * 2 ** 30,
  tdpWatts: 425,
  idleWatts: 25,
} as const;

/** 28 layers x 4 KV heads x 128 dims x 2 (K and V) x 2 bytes. */
export const KV_BYTES_PER_TOKEN = 28 * 4 * 128 * 2 * 2;

const FP16_WEIGHT_BYTES = 15.23e9;

interface PrecisionProfile {
  weightBytes: number;
  stepBaseS: number;
  stepPerSeqS: number;
  prefillTokensPerS: number;
  /** Per card, at full utilisation and a full batch. */
  loadWatts: number;
}

/**
 * AWQ: ~35% less weight memory (so a larger KV cache), 185 tok/s single stream
 * (published 175-195), but dequantisation makes each extra sequence dearer, so the
 * advantage shrinks to ~18% lower latency at 32 streams and vanishes near 48.
 */
const PRECISIONS: Record<Precision, PrecisionProfile> = {
  fp16: {
    weightBytes: FP16_WEIGHT_BYTES,
    stepBaseS: 1 / 59 - 0.157e-3,
    stepPerSeqS: 0.157e-3,
    prefillTokensPerS: 6000,
    loadWatts: 248,
  },
  "awq-4bit": {
    weightBytes: FP16_WEIGHT_BYTES * 0.65,
    stepBaseS: 1 / 185 - 0.316e-3,
    stepPerSeqS: 0.316e-3,
    prefillTokensPerS: 5400,
    loadWatts: 232,
  },
};

/** vLLM's defaults for a 24 GB card. */
export const VLLM_DEFAULTS = {
  gpuMemoryUtilization: 0.9,
  /** Activations, CUDA graphs and the sampler's workspace, per card. */
  activationReserveBytes: 1.2 * 2 ** 30,
  blockSize: 16,
  maxNumSeqs: 256,
  maxNumBatchedTokens: 2048,
} as const;

/** Tensor parallelism over PCIe (no NVLink on 4090s): each extra card adds ~80% of one. */
function tensorParallelScale(gpus: number): number {
  return 1 + (gpus - 1) * 0.8;
}

export interface NodeProfile {
  gpus: number;
  precision: Precision;
  stepBaseS: number;
  stepPerSeqS: number;
  prefillTokensPerS: number;
  kvCapacityTokens: number;
  maxNumSeqs: number;
  maxNumBatchedTokens: number;
  blockSize: number;
  idleWatts: number;
  loadWatts: number;
}

export function kvCapacityTokens(gpus: number, precision: Precision): number {
  const pool = gpus * (CARD.memoryBytes * VLLM_DEFAULTS.gpuMemoryUtilization - VLLM_DEFAULTS.activationReserveBytes);
  const free = pool - PRECISIONS[precision].weightBytes;
  const blocks = Math.floor(Math.max(0, free) / (KV_BYTES_PER_TOKEN * VLLM_DEFAULTS.blockSize));
  return blocks * VLLM_DEFAULTS.blockSize;
}

export function nodeProfile(options: { gpus?: number; precision?: Precision } = {}): NodeProfile {
  const gpus = options.gpus ?? 1;
  const precision = options.precision ?? "fp16";
  const base = PRECISIONS[precision];
  const scale = tensorParallelScale(gpus);
  return {
    gpus,
    precision,
    stepBaseS: base.stepBaseS / scale,
    stepPerSeqS: base.stepPerSeqS / scale,
    prefillTokensPerS: base.prefillTokensPerS * scale,
    kvCapacityTokens: kvCapacityTokens(gpus, precision),
    maxNumSeqs: VLLM_DEFAULTS.maxNumSeqs,
    maxNumBatchedTokens: VLLM_DEFAULTS.maxNumBatchedTokens,
    blockSize: VLLM_DEFAULTS.blockSize,
    idleWatts: CARD.idleWatts,
    loadWatts: base.loadWatts,
  };
}

export function stepSeconds(profile: NodeProfile, decodeSeqs: number, prefillTokens: number): number {
  if (decodeSeqs === 0 && prefillTokens === 0) return 0;
  return profile.stepBaseS + profile.stepPerSeqS * decodeSeqs + prefillTokens / profile.prefillTokensPerS;
}

/** One request alone on the node: prefill in chunks, then one token per decode step. */
export function soloRequestSeconds(
  profile: NodeProfile,
  promptTokens: number,
  outputTokens: number,
): { ttftS: number; e2eS: number } {
  const chunks = Math.max(1, Math.ceil(promptTokens / profile.maxNumBatchedTokens));
  const ttftS = chunks * profile.stepBaseS + promptTokens / profile.prefillTokensPerS;
  return { ttftS, e2eS: ttftS + Math.max(0, outputTokens - 1) * stepSeconds(profile, 1, 0) };
}

/** How many sequences of this shape fit in the KV cache at once. */
export function maxResidentSeqs(profile: NodeProfile, promptTokens: number, outputTokens: number): number {
  const perSeq = Math.ceil((promptTokens + outputTokens) / profile.blockSize) * profile.blockSize;
  return Math.min(profile.maxNumSeqs, Math.floor(profile.kvCapacityTokens / perSeq));
}

/**
 * Closed-loop steady state: `concurrency` clients each sending one request after another.
 * Per output token the node spends (step time / batch) on decode plus
 * (prompt/output) / prefill speed on prefill.
 */
export function steadyStateOutputTokensPerS(
  profile: NodeProfile,
  concurrency: number,
  promptTokens: number,
  outputTokens: number,
): number {
  const batch = Math.min(concurrency, maxResidentSeqs(profile, promptTokens, outputTokens));
  if (batch <= 0) return 0;
  const decodeShare = stepSeconds(profile, batch, 0) / batch;
  const prefillShare = promptTokens / outputTokens / profile.prefillTokensPerS;
  return 1 / (decodeShare + prefillShare);
}

/**
 * Per card. Busy time sets the floor (a single stream already keeps the GPU "100% utilised"
 * in DCGM's sense); batch size sets how hard it works while busy.
 */
export function cardPowerWatts(profile: NodeProfile, utilisation: number, meanBatch: number): number {
  const intensity = 0.55 + 0.45 * Math.min(1, meanBatch / 32);
  const busy = Math.min(1, Math.max(0, utilisation));
  return profile.idleWatts + (profile.loadWatts - profile.idleWatts) * busy * intensity;
}
