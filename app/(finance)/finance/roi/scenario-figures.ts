import type { ScenarioReport } from "@/server/economics";

/** The figures two scenarios are compared on, as decimal strings (null: undefined or not reached). */
export function keyFigures(r: ScenarioReport) {
  const last = r.years[r.years.length - 1];
  return {
    capex: r.capex.total.toString(),
    opexPerYear: r.opex.perYear.toString(),
    benefitPerYear: r.benefits.perYear.toString(),
    monthlyAccrual: r.monthlyCost.accrual.toString(),
    payback: r.payback.months?.toString() ?? null,
    roiFinal: last?.cashRoi?.toString() ?? null,
    npv: r.npv.yearly.toString(),
    irr: r.irr.yearly.rate?.toString() ?? null,
    costPer1k: r.costPer1k.actual?.toString() ?? null,
    utilisation: r.utilisation?.toString() ?? null,
  };
}
export type KeyFigures = ReturnType<typeof keyFigures>;

type Path = (string | number)[];

/** An edited copy of a JSON value with `value` at `path` (objects and arrays created as needed). */
export function setAt<T>(root: T, path: Path, value: unknown): T {
  const copy = structuredClone(root) as unknown as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  path.slice(0, -1).forEach((key, i) => {
    if (node[key] === undefined || node[key] === null) node[key] = typeof path[i + 1] === "number" ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  });
  node[path[path.length - 1]!] = value;
  return copy as unknown as T;
}

export function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((n, k) => (n === null || n === undefined ? undefined : (n as Record<string | number, unknown>)[k]), root);
}
