/**
 * Structured output: a JSON value that satisfies the request's JSON Schema, as vLLM's
 * guided decoding would force. Supports the subset that chat schemas use in practice
 * (object/array/string/number/integer/boolean/null, enum, const, anyOf/oneOf/allOf, $ref,
 * length and range bounds, common string formats); `pattern` is not honoured.
 */
import { CHINESE_SENTENCES, ENGLISH_SENTENCES } from "./corpus";
import { pickIndex, type Rng } from "./rng";

export type JsonSchema = { [key: string]: unknown };
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const MAX_DEPTH = 8;

export function generateJson(schema: JsonSchema, rng: Rng, language: "en" | "zh"): Json {
  return new JsonSynth(schema, rng, language).value(schema, 0);
}

class JsonSynth {
  constructor(
    private readonly root: JsonSchema,
    private readonly rng: Rng,
    private readonly language: "en" | "zh",
  ) {}

  value(schema: JsonSchema, depth: number): Json {
    const ref = schema.$ref;
    if (typeof ref === "string") return this.value(this.resolve(ref), depth + 1);
    if ("const" in schema) return schema.const as Json;
    if (Array.isArray(schema.enum) && schema.enum.length > 0) {
      return schema.enum[pickIndex(this.rng, schema.enum.length)] as Json;
    }
    const choices = asSchemas(schema.anyOf) ?? asSchemas(schema.oneOf);
    if (choices && choices.length > 0) return this.value(choices[0] ?? {}, depth + 1);
    const all = asSchemas(schema.allOf);
    if (all) {
      const merged: JsonSchema = Object.assign({}, schema, ...all);
      delete merged.allOf;
      return this.value(merged, depth + 1);
    }
    switch (typeOf(schema)) {
      case "object":
        return this.object(schema, depth);
      case "array":
        return this.array(schema, depth);
      case "string":
        return this.string(schema);
      case "integer":
        return this.integer(schema);
      case "number":
        return this.number(schema);
      case "boolean":
        return this.rng() < 0.5;
      case "null":
        return null;
      default:
        return depth === 0 ? { answer: this.phrase(60) } : this.phrase(30);
    }
  }

  private resolve(ref: string): JsonSchema {
    const path = ref.replace(/^#\/?/, "").split("/").filter(Boolean);
    let node: unknown = this.root;
    for (const key of path) node = isSchema(node) ? node[key] : undefined;
    return isSchema(node) ? node : {};
  }

  private object(schema: JsonSchema, depth: number): Json {
    const properties = isSchema(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : Object.keys(properties));
    const result: { [key: string]: Json } = {};
    for (const [key, sub] of Object.entries(properties)) {
      if (!required.has(key) && (depth >= MAX_DEPTH || this.rng() < 0.3)) continue;
      result[key] = this.value(isSchema(sub) ? sub : {}, depth + 1);
    }
    for (const key of required) {
      if (!(key in result)) result[key] = this.phrase(20);
    }
    return result;
  }

  private array(schema: JsonSchema, depth: number): Json {
    const min = numberOr(schema.minItems, 0);
    const max = numberOr(schema.maxItems, Math.max(min, 3));
    const count = depth >= MAX_DEPTH ? min : min + Math.floor(this.rng() * (Math.min(max, min + 3) - min + 1));
    const items = isSchema(schema.items) ? schema.items : {};
    const values = Array.from({ length: count }, () => this.value(items, depth + 1));
    return schema.uniqueItems === true ? dedupe(values, () => this.value(items, depth + 1)) : values;
  }

  private string(schema: JsonSchema): string {
    const format = schema.format;
    let text: string;
    if (format === "date") text = "2025-03-14";
    else if (format === "date-time") text = "2025-03-14T09:30:00Z";
    else if (format === "time") text = "09:30:00";
    else if (format === "email") text = "team@example.com";
    else if (format === "uri" || format === "url") text = "https://example.com/docs";
    else if (format === "uuid") text = "3f2c8a1e-6b7d-4c5e-9a0f-1d2e3f4a5b6c";
    else text = this.phrase(numberOr(schema.maxLength, 48));
    const minLength = numberOr(schema.minLength, 0);
    while (text.length < minLength) text += text.length > 0 ? text : "x";
    const maxLength = numberOr(schema.maxLength, Number.POSITIVE_INFINITY);
    return text.length > maxLength ? text.slice(0, maxLength) : text;
  }

  private integer(schema: JsonSchema): number {
    const [low, high] = this.bounds(schema);
    return Math.ceil(low) + Math.floor(this.rng() * (Math.floor(high) - Math.ceil(low) + 1));
  }

  private number(schema: JsonSchema): number {
    const [low, high] = this.bounds(schema);
    return Math.round((low + this.rng() * (high - low)) * 100) / 100;
  }

  private bounds(schema: JsonSchema): [number, number] {
    const low = numberOr(schema.minimum, numberOr(schema.exclusiveMinimum, -1) + 1);
    const high = numberOr(schema.maximum, numberOr(schema.exclusiveMaximum, low + 101) - 1);
    return [low, Math.max(low, high)];
  }

  /** A clause from the reply corpus, cut at a word (or character) boundary. */
  private phrase(maxChars: number): string {
    const sentences = this.language === "zh" ? CHINESE_SENTENCES : ENGLISH_SENTENCES;
    const sentence = sentences[pickIndex(this.rng, sentences.length)] ?? "";
    if (sentence.length <= maxChars) return sentence;
    const cut = this.language === "zh" ? maxChars : sentence.lastIndexOf(" ", maxChars);
    return sentence.slice(0, cut > 0 ? cut : maxChars);
  }
}

function typeOf(schema: JsonSchema): string | undefined {
  const type = schema.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.find((t) => t !== "null") ?? "null";
  if (isSchema(schema.properties)) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asSchemas(value: unknown): JsonSchema[] | undefined {
  return Array.isArray(value) ? value.filter(isSchema) : undefined;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

function dedupe(values: Json[], another: () => Json): Json[] {
  const seen = new Set<string>();
  const result: Json[] = [];
  for (let value of values) {
    for (let tries = 0; seen.has(JSON.stringify(value)) && tries < 10; tries++) value = another();
    if (seen.has(JSON.stringify(value))) continue;
    seen.add(JSON.stringify(value));
    result.push(value);
  }
  return result;
}

/** Python's json.dumps layout (`{"a": 1, "b": [1, 2]}`), which is what Qwen tends to emit. */
export function formatJson(value: Json): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatJson).join(", ")}]`;
  return `{${Object.entries(value)
    .map(([key, v]) => `${JSON.stringify(key)}: ${formatJson(v)}`)
    .join(", ")}}`;
}
