import { Dec, type Decimal } from "./money";

/** The same shape with every Decimal as its full-precision string. */
export type Jsonified<T> = T extends Decimal
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/**
 * Decimals become strings, never numbers: a JSON number would be read back
 * as a float and lose the exactness the engine kept. Precision is full;
 * rounding belongs to whoever presents the figure.
 */
export function reportToJSON<T>(value: T): Jsonified<T> {
  return convert(value) as Jsonified<T>;
}

function convert(value: unknown): unknown {
  if (Dec.isDecimal(value)) return (value as Decimal).toString();
  if (Array.isArray(value)) return value.map(convert);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, convert(v)]),
    );
  }
  return value;
}
