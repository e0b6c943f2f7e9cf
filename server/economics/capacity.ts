import { dec, ONE, type Decimal, type DecimalInput } from "./money";
import { costPer1kTokens } from "./period-cost";

export type Precision = "fp16" | "bf16" | "fp8" | "int8" | "int4";

export const BYTES_PER_PARAM: Record<Precision, Decimal> = {
  fp16: dec(2),
  bf16: dec(2),
  fp8: dec(1),
  int8: dec(1),
  int4: dec("0.5"),
};

/**
 * Group-wise quantisation stores a 16-bit scale and a 4-bit zero point per
 * group of 128 weights: 20 extra bits per 128 x 4 bits, about 4 % on top of
 * the packed weights. Wider formats keep per-channel scales: negligible.
 */
export const QUANT_OVERHEAD: Record<Precision, Decimal> = {
  fp16: dec(0),
  bf16: dec(0),
  fp8: dec(0),
  int8: dec(0),
  int4: dec(20).div(128 * 4),
};

export const GIB = dec(1024).pow(3);

export interface ModelSpec {
  totalParams: DecimalInput;
  /** Params outside embeddings/LM head; quantisers leave those two at 16 bits. */
  nonEmbeddingParams?: DecimalInput;
  layers: number;
  queryHeads: number;
  kvHeads: number;
  headDim: number;
}

/** Qwen2.5-7B-Instruct (model card; the article's section 2.1). */
export const QWEN25_7B: ModelSpec = {
  totalParams: "7.61e9",
  nonEmbeddingParams: "6.53e9",
  layers: 28,
  queryHeads: 28,
  kvHeads: 4,
  headDim: 128,
};

export function weightBytes(model: ModelSpec, precision: Precision): Decimal {
  const total = dec(model.totalParams);
  const bytes = BYTES_PER_PARAM[precision];
  if (bytes.gte(2) || model.nonEmbeddingParams === undefined) {
    return total.times(bytes).times(ONE.plus(QUANT_OVERHEAD[precision]));
  }
  const body = dec(model.nonEmbeddingParams);
  const embeddings = total.minus(body);
  return body.times(bytes).times(ONE.plus(QUANT_OVERHEAD[precision])).plus(embeddings.times(2));
}

/** layers x kvHeads x headDim x 2 (K and V) x bytes per element. */
export function kvBytesPerToken(model: ModelSpec, kvBytesPerElement: DecimalInput = 2): Decimal {
  return dec(model.layers * model.kvHeads * model.headDim * 2).times(dec(kvBytesPerElement));
}

export interface MemoryInput {
  model: ModelSpec;
  precision: Precision;
  /** KV cache element size: 2 for fp16, 1 for an fp8 cache. */
  kvBytesPerElement?: DecimalInput;
  contextTokens: DecimalInput;
  concurrentSequences: DecimalInput;
}

export interface MemoryNeed {
  weightBytes: Decimal;
  kvBytesPerToken: Decimal;
  kvCacheBytes: Decimal;
  totalBytes: Decimal;
}

export function memoryNeed(m: MemoryInput): MemoryNeed {
  const weights = weightBytes(m.model, m.precision);
  const perToken = kvBytesPerToken(m.model, m.kvBytesPerElement);
  const kv = perToken.times(dec(m.contextTokens)).times(dec(m.concurrentSequences));
  return { weightBytes: weights, kvBytesPerToken: perToken, kvCacheBytes: kv, totalBytes: weights.plus(kv) };
}

export interface CardSpec {
  memoryGiB: DecimalInput;
  /**
   * Share of a card's memory the server may use; the rest is CUDA context,
   * activations and graphs. 0.9 is vLLM's gpu_memory_utilization default.
   */
  usableFraction?: DecimalInput;
}

export function usableBytesPerCard(card: CardSpec): Decimal {
  return dec(card.memoryGiB).times(GIB).times(dec(card.usableFraction ?? "0.9"));
}

/**
 * vLLM splits attention heads across tensor-parallel ranks: the rank count
 * must divide the query heads, and the KV heads must divide by it or it by
 * them (KV heads are then replicated).
 */
export function validTensorParallel(model: ModelSpec, ranks: number): boolean {
  return model.queryHeads % ranks === 0 && (model.kvHeads % ranks === 0 || ranks % model.kvHeads === 0);
}

export interface CardsNeeded {
  /** Memory alone: ceil(need / usable per card). */
  byMemory: number;
  /** The smallest tensor-parallel size at least that large that the model's heads allow; null if none up to 64. */
  tensorParallel: number | null;
}

export function cardsNeeded(need: Decimal, card: CardSpec, model: ModelSpec): CardsNeeded {
  const byMemory = Math.max(1, need.div(usableBytesPerCard(card)).ceil().toNumber());
  let tensorParallel: number | null = null;
  for (let ranks = byMemory; ranks <= 64; ranks++) {
    if (validTensorParallel(model, ranks)) {
      tensorParallel = ranks;
      break;
    }
  }
  return { byMemory, tensorParallel };
}

export interface ThroughputInput {
  cards: number;
  /**
   * Saturated output tokens/s one card sustains for this model. Default in
   * scenarios: 3,580 (Qwen-7B architecture, fp16, one RTX 4090, vLLM, 300
   * requests of 100 in / 600 out; notes/toolchain.md).
   */
  outputTokensPerSecondPerCard: DecimalInput;
  /** Share of the saturated rate the cluster is planned to run at. */
  targetUtilisation: DecimalInput;
  hoursPerDay: DecimalInput;
}

/** Output tokens a month (365/12 days) the cluster serves at the target utilisation. */
export function outputTokensPerMonth(t: ThroughputInput): Decimal {
  return dec(t.outputTokensPerSecondPerCard)
    .times(t.cards)
    .times(dec(t.targetUtilisation))
    .times(3600)
    .times(dec(t.hoursPerDay))
    // Multiply before dividing: 365/12 has no finite decimal expansion.
    .times(365)
    .div(12);
}

/**
 * The article's quantisation what-if as a rule of thumb: memory -35 %,
 * latency -15-20 %, applied to a baseline; the computed int4 figure from
 * `memoryNeed` is the better estimate and sits beside it in reports.
 */
export function quantisationWhatIf(
  baselineBytes: DecimalInput,
  card: CardSpec,
  model: ModelSpec,
  memoryReduction: DecimalInput = "0.35",
): { bytes: Decimal; cards: CardsNeeded } {
  const bytes = dec(baselineBytes).times(ONE.minus(dec(memoryReduction)));
  return { bytes, cards: cardsNeeded(bytes, card, model) };
}

export interface UtilisationPoint {
  utilisation: Decimal;
  outputTokensPerMonth: Decimal;
  costPer1kOutputTokens: Decimal | null;
}

/**
 * The batching what-if: the same monthly cost spread over the tokens served
 * at each utilisation (the article: 40 % -> 75 % with a job queue).
 */
export function utilisationWhatIf(
  monthlyCost: DecimalInput,
  base: Omit<ThroughputInput, "targetUtilisation">,
  utilisations: readonly DecimalInput[],
): UtilisationPoint[] {
  return utilisations.map((u) => {
    const tokens = outputTokensPerMonth({ ...base, targetUtilisation: u });
    return { utilisation: dec(u), outputTokensPerMonth: tokens, costPer1kOutputTokens: costPer1kTokens(monthlyCost, tokens) };
  });
}
