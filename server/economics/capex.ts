import { dec, sum, type Decimal, type DecimalInput } from "./money";

/**
 * One bill-of-materials line. Either unit price x quantity, or a subtotal
 * given directly (the article's "board / PSU / case: 3,000" has neither a
 * unit price nor a quantity); when both are given the subtotal wins, because
 * it is what was actually paid (discounts, bundles).
 */
export interface BomLine {
  component: string;
  model?: string;
  unitPrice?: DecimalInput;
  quantity?: DecimalInput;
  subtotal?: DecimalInput;
}

export interface PricedBomLine {
  component: string;
  model: string | undefined;
  amount: Decimal;
}

export function bomLineAmount(line: BomLine): Decimal {
  if (line.subtotal !== undefined) return dec(line.subtotal);
  if (line.unitPrice === undefined) {
    throw new Error(`bill-of-materials line "${line.component}" has neither a unit price nor a subtotal`);
  }
  return dec(line.unitPrice).times(dec(line.quantity ?? 1));
}

export function priceBom(lines: readonly BomLine[]): { lines: PricedBomLine[]; total: Decimal } {
  const priced = lines.map((l) => ({ component: l.component, model: l.model, amount: bomLineAmount(l) }));
  return { lines: priced, total: sum(priced.map((l) => l.amount)) };
}
