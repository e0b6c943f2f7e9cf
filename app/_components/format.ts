// Money arrives as a decimal string and is formatted, never computed, here.
// Intl rounds once, at presentation, to the currency's minor unit.
export function formatMoney(amount: string, locale: string, currency = "CNY"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount as unknown as number);
}

export function formatDateTime(value: Date | string, locale: string, timeZone = "Asia/Shanghai"): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(value));
}
