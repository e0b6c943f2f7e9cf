import DecimalJs from "decimal.js";

/**
 * One Decimal configuration for the whole engine. A clone, so nothing else in
 * the process (Prisma, other modules) can change our precision by touching
 * the global decimal.js settings, and we cannot change theirs.
 * 40 significant digits keeps division/pow results exact far beyond the cent,
 * so the only rounding that matters is the one at presentation.
 */
export const Dec = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = DecimalJs;

/** Anything a caller may hand us as a number: JSON strings, numbers, Decimals. */
export type DecimalInput = string | number | DecimalJs;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);

/** Text shown to people: every reason and label exists in both UI languages. */
export interface Localised {
  en: string;
  zh: string;
}

export class MoneyInputError extends Error {
  constructor(value: unknown) {
    super(`not a finite decimal number: ${JSON.stringify(value)}`);
    this.name = "MoneyInputError";
  }
}

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses user or file input into a Decimal with the engine's configuration.
 * Numbers go through their shortest decimal spelling (0.1 stays 0.1, not its
 * binary expansion); thousands separators ("63,000", "63_000") are accepted
 * because finance pastes figures from spreadsheets; NaN/Infinity are refused
 * because they would poison every sum silently.
 */
export function dec(value: DecimalInput): Decimal {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new MoneyInputError(value);
    return new Dec(String(value));
  }
  if (typeof value === "string") {
    const text = value.trim().replace(/[,_\s]/g, "");
    if (!DECIMAL_TEXT.test(text)) throw new MoneyInputError(value);
    return new Dec(text);
  }
  if (!value.isFinite()) throw new MoneyInputError(value.toString());
  // Re-wrapping matters: a Decimal from another clone would compute with that
  // clone's precision in any operation it starts.
  return new Dec(value);
}

export function sum(values: Iterable<DecimalInput>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(dec(v));
  return total;
}

/** a / b, or null when b is zero: a cost per token of nothing is undefined, not Infinity. */
export function ratio(numerator: DecimalInput, denominator: DecimalInput): Decimal | null {
  const d = dec(denominator);
  if (d.isZero()) return null;
  return dec(numerator).div(d);
}

export function maxOf(a: Decimal, b: Decimal): Decimal {
  return a.gte(b) ? a : b;
}

export function minOf(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}

/**
 * The one place money is rounded: to `dp` places, half-up ("四舍五入"), the
 * convention of Chinese invoices and of the spreadsheets finance compares us
 * with. Banker's rounding would disagree with them on every x.xx5.
 */
export function roundMoney(value: DecimalInput, dp = 2): Decimal {
  return dec(value).toDecimalPlaces(dp, DecimalJs.ROUND_HALF_UP);
}

const CURRENCY_SYMBOLS: Record<string, string> = { CNY: "¥", USD: "$", EUR: "€" };

function groupThousands(fixed: string): string {
  const negative = fixed.startsWith("-");
  const body = negative ? fixed.slice(1) : fixed;
  const [whole = "", fraction] = body.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (negative ? "-" : "") + grouped + (fraction === undefined ? "" : `.${fraction}`);
}

/** A plain number with thousands separators, rounded half-up to `dp`. */
export function formatNumber(value: DecimalInput, dp = 2): string {
  const rounded = dec(value).toDecimalPlaces(dp, DecimalJs.ROUND_HALF_UP);
  // "-0.00" reads as a debt of nothing; show it as zero.
  return groupThousands(rounded.isZero() ? rounded.abs().toFixed(dp) : rounded.toFixed(dp));
}

export interface FormatMoneyOptions {
  currency?: string;
  /** Prefix the currency symbol (¥) or code; off for table cells under a currency header. */
  symbol?: boolean;
  dp?: number;
}

/** Money for people: ¥4,204.80 (CNY by default, 2 places, half-up). */
export function formatMoney(value: DecimalInput, options: FormatMoneyOptions = {}): string {
  const { currency = "CNY", symbol = true, dp = 2 } = options;
  const text = formatNumber(value, dp);
  if (!symbol) return text;
  const prefix = CURRENCY_SYMBOLS[currency] ?? `${currency} `;
  return text.startsWith("-") ? `-${prefix}${text.slice(1)}` : `${prefix}${text}`;
}

/** A ratio (0.6459) as a percentage string (64.6%). */
export function formatPercent(value: DecimalInput, dp = 1): string {
  return `${formatNumber(dec(value).times(100), dp)}%`;
}
