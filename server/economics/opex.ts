import { dec, sum, type Decimal, type DecimalInput } from "./money";

export interface OpexItem {
  name: string;
  amount: DecimalInput;
  per: "year" | "month";
}

export function opexItemPerYear(item: OpexItem): Decimal {
  return item.per === "year" ? dec(item.amount) : dec(item.amount).times(12);
}

export function opexPerYear(items: readonly OpexItem[]): Decimal {
  return sum(items.map(opexItemPerYear));
}

/** Yearly figures are spread evenly: a month is a twelfth of a year, whatever its days. */
export function opexPerMonth(items: readonly OpexItem[]): Decimal {
  return opexPerYear(items).div(12);
}
