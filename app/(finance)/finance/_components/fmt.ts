import { formatMoney } from "@/app/_components/format";

// Figures arrive as full-precision decimal strings and are rounded once, here,
// at presentation (Intl rounds half away from zero, i.e. half-up for money).

export function money(value: string | null | undefined, locale: string, currency = "CNY"): string {
  return value === null || value === undefined ? "—" : formatMoney(value, locale, currency);
}

/** A unit price (cost per 1K tokens): four decimals, since it is often below a cent. */
export function unitPrice(value: string | null | undefined, locale: string, currency = "CNY"): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: 4, maximumFractionDigits: 4 }).format(value as unknown as number);
}

export function pct(value: string | null | undefined, locale: string, dp = 1): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: dp, maximumFractionDigits: dp }).format(value as unknown as number);
}

export function num(value: string | number | null | undefined, locale: string, dp = 0): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: dp }).format(value as unknown as number);
}

/** Money rounded to cents as plain text, for CSV cells. */
export function cents(value: string): string {
  const n = Number(value);
  return (Math.round((Math.abs(n) + Number.EPSILON) * 100) / 100 * Math.sign(n)).toFixed(2);
}

/** The current month and the 11 before it, in the platform's time zone (UTC+8), newest first. */
export function recentMonths(count = 12, now = new Date()): string[] {
  const shanghai = new Date(now.getTime() + 8 * 3_600_000);
  let y = shanghai.getUTCFullYear();
  let m = shanghai.getUTCMonth() + 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

export const localised = (l: { en: string; zh: string } | null | undefined, locale: string) => (l ? (locale === "zh-CN" ? l.zh : l.en) : "");
