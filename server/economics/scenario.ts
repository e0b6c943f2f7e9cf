import { z } from "zod";
import { normaliseTiers } from "./alternatives";
import { dec, Dec, ONE, type Decimal } from "./money";

/**
 * A scenario file: everything the economics need, as JSON. Numbers may be
 * JSON numbers or strings ("63000", "63,000", "0.02"); strings are the safe
 * choice for money, since a JSON number has already been through a float.
 * Decimals are accepted too, so a parsed scenario parses again unchanged.
 */
const decimal = z.union([z.string(), z.number(), z.custom<Decimal>((v) => Dec.isDecimal(v))]).transform((v, ctx) => {
  try {
    return dec(v);
  } catch {
    ctx.addIssue({ code: "custom", message: `not a decimal number: ${String(v)}` });
    return z.NEVER;
  }
});
const nonNegative = decimal.refine((d) => d.gte(0), "must be zero or more");
const positive = decimal.refine((d) => d.gt(0), "must be more than zero");
const fraction = decimal.refine((d) => d.gte(0) && d.lte(1), "must be between 0 and 1");
const label = z.string().trim().min(1);

const bomLine = z
  .object({
    component: label,
    model: z.string().optional(),
    unitPrice: nonNegative.optional(),
    quantity: nonNegative.optional(),
    subtotal: nonNegative.optional(),
  })
  .refine((l) => l.subtotal !== undefined || l.unitPrice !== undefined, "a line needs a unit price or a subtotal");

const depreciation = z.discriminatedUnion("method", [
  z.object({ method: z.literal("straight-line") }),
  z.object({
    method: z.literal("declining-balance"),
    /** Omit for double-declining (2 / lifetime). */
    rate: fraction.optional(),
    switchToStraightLine: z.boolean().default(true),
  }),
]);

const electricity = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("assumed"),
    watts: nonNegative,
    hoursPerDay: nonNegative.refine((d) => d.lte(24), "a day has 24 hours"),
    daysPerYear: z.number().int().min(1).max(366).default(365),
    tariffPerKwh: nonNegative,
    pue: decimal.refine((d) => d.gte(1), "PUE is 1 or more").prefault("1"),
  }),
  z.object({
    mode: z.literal("measured"),
    /** From integratePowerSamples over a year (or a shorter window scaled up). */
    kwhPerYear: nonNegative,
    tariffPerKwh: nonNegative,
    pue: decimal.refine((d) => d.gte(1), "PUE is 1 or more").prefault("1"),
  }),
]);

const amountPer = z.object({
  name: label,
  amount: nonNegative,
  per: z.enum(["year", "month"]),
});

const tier = z.object({ upTo: positive.nullable().default(null), price: nonNegative });
/** A single price, or graduated tiers by monthly volume of that direction. */
const priceSpec = z
  .union([nonNegative, z.array(tier).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [{ upTo: null, price: v }]));

const api = z
  .object({
    name: label,
    unit: z.enum(["1K", "1M"]).default("1K"),
    input: priceSpec,
    output: priceSpec,
    source: z.string().optional(),
  })
  .superRefine((a, ctx) => {
    for (const side of ["input", "output"] as const) {
      try {
        normaliseTiers(a[side], a.unit);
      } catch (e) {
        ctx.addIssue({ code: "custom", path: [side], message: e instanceof Error ? e.message : String(e) });
      }
    }
  });

const cloud = z.object({
  name: label,
  price: nonNegative,
  per: z.enum(["hour", "month", "year"]),
  hoursPerMonth: positive.optional(),
  outputTokensPerSecond: positive.optional(),
  source: z.string().optional(),
});

const modelSpec = z.object({
  totalParams: positive,
  nonEmbeddingParams: positive.optional(),
  layers: z.number().int().positive(),
  queryHeads: z.number().int().positive(),
  kvHeads: z.number().int().positive(),
  headDim: z.number().int().positive(),
});

const QWEN25_7B_INPUT = {
  totalParams: "7.61e9",
  nonEmbeddingParams: "6.53e9",
  layers: 28,
  queryHeads: 28,
  kvHeads: 4,
  headDim: 128,
};

const capacity = z.object({
  model: modelSpec.prefault(QWEN25_7B_INPUT),
  precision: z.enum(["fp16", "bf16", "fp8", "int8", "int4"]).default("fp16"),
  kvBytesPerElement: positive.prefault("2"),
  /** Tokens of context each concurrent sequence may hold. */
  contextTokens: positive.prefault("8192"),
  concurrentSequences: positive.prefault("16"),
  card: z
    .object({
      name: z.string().default("RTX 4090D"),
      memoryGiB: positive.prefault("24"),
      count: z.number().int().positive().default(4),
      usableFraction: fraction.prefault("0.9"),
    })
    .prefault({}),
  /** notes/toolchain.md: Qwen-7B architecture, fp16, one RTX 4090, saturated. */
  outputTokensPerSecondPerCard: positive.prefault("3580"),
  targetUtilisation: fraction.prefault("0.75"),
  hoursPerDay: nonNegative.refine((d) => d.lte(24), "a day has 24 hours").prefault("24"),
  whatIf: z
    .object({
      quantisedMemoryReduction: fraction.prefault("0.35"),
      quantisedLatencyReduction: z.tuple([fraction, fraction]).prefault(["0.15", "0.2"]),
      utilisations: z.array(fraction).min(1).prefault(["0.4", "0.75"]),
    })
    .prefault({}),
});

export const scenarioSchema = z.object({
  name: label,
  description: z.string().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).default("CNY"),
  hardware: z.object({
    bom: z.array(bomLine).min(1),
    lifetimeYears: z.number().int().min(1).max(50).default(5),
    salvage: nonNegative.prefault("0"),
    depreciation: depreciation.default({ method: "straight-line" }),
  }),
  operating: z
    .object({
      items: z.array(amountPer).default([]),
      electricity: electricity.optional(),
    })
    .prefault({}),
  benefits: z.array(amountPer).default([]),
  alternatives: z
    .object({ apis: z.array(api).default([]), cloud: z.array(cloud).default([]) })
    .prefault({}),
  volume: z
    .object({
      inputTokensPerMonth: nonNegative.prefault("0"),
      outputTokensPerMonth: nonNegative.prefault("0"),
      /** Busiest-hour rate / average rate; sizes cloud instances. */
      peakToAverage: decimal.refine((d) => d.gte(ONE), "peak is at least the average").prefault("3"),
    })
    .prefault({}),
  finance: z
    .object({
      discountRate: decimal.refine((d) => d.gt(-1), "must be above -100 %").prefault("0.08"),
      horizonYears: z.number().int().min(1).max(30).default(3),
      sensitivityYear: z.number().int().min(1).max(30).default(3),
      swing: fraction.prefault("0.2"),
    })
    .prefault({}),
  capacity: capacity.prefault({}),
});

/** What a scenario file may contain (defaults omitted, numbers as strings or numbers). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A parsed scenario: defaults filled in, every number a Decimal. */
export type Scenario = z.output<typeof scenarioSchema>;

export function parseScenario(input: unknown): Scenario {
  return scenarioSchema.parse(input);
}
