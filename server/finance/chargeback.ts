import { z } from "zod";
import {
  allocateCost,
  PLATFORM_OVERHEAD_ID,
  roundMoney,
  sum,
  weightedTokens,
  ZERO,
  type Decimal,
} from "@/server/economics";
import { loadMonth, priceAlternatives, type MonthInputs } from "./month";
import { monthOf } from "./period";
import type { DepartmentUsage } from "./usage";

// Chargeback: the month's real cluster cost (the cost model, not an internal
// price list) allocated to departments by their usage, with largest-remainder
// cents so the lines sum to the month's cost exactly.

export const chargebackPolicyInput = z.object({
  method: z.enum(["WEIGHTED_TOKENS", "GPU_TIME"]).optional(),
  idle: z.enum(["SPREAD", "OVERHEAD"]).optional(),
});
export type ChargebackPolicyInput = z.infer<typeof chargebackPolicyInput>;

export type ChargebackPolicy = { method: "WEIGHTED_TOKENS" | "GPU_TIME"; idle: "SPREAD" | "OVERHEAD"; inputWeight: string; outputWeight: string };

export function policyOf(m: MonthInputs, override: ChargebackPolicyInput = {}): ChargebackPolicy {
  return {
    method: override.method ?? m.version.allocationMethod,
    idle: override.idle ?? m.version.idlePolicy,
    inputWeight: m.version.inputTokenWeight,
    outputWeight: m.version.outputTokenWeight,
  };
}

function unitsOf(u: DepartmentUsage, p: ChargebackPolicy): Decimal {
  return p.method === "GPU_TIME" ? u.gpuSeconds : weightedTokens(u.inputTokens, u.outputTokens, { input: p.inputWeight, output: p.outputWeight });
}

export type ChargebackLine = {
  id: string;
  overhead: boolean;
  tenantId: string | null;
  tenantName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  inputTokens: string;
  outputTokens: string;
  units: string;
  /** Full-precision share of the month's cost; `amount` is it in cents. */
  exact: string;
  amount: string;
  /** The cheapest catalog alternative for this department's own usage. */
  cheapest: { name: string; cost: string; savings: string } | null;
};

/**
 * Idle capacity, in allocation units, is what the used units would have been
 * at full output capacity: used / (served output / capacity output).
 */
export function computeChargeback(m: MonthInputs, policy: ChargebackPolicy) {
  const used = sum(m.usage.map((u) => unitsOf(u, policy)));
  const servedOutput = sum(m.usage.map((u) => u.outputTokens));
  const capacityUnits = servedOutput.isZero() ? undefined : used.times(m.capacityOutputTokens).div(servedOutput);
  const allocations = allocateCost({
    total: m.cost.total,
    usage: m.usage.map((u) => ({ id: u.departmentId, units: unitsOf(u, policy) })),
    capacityUnits,
    idle: policy.idle === "SPREAD" ? "spread" : "overhead",
  });
  const byId = new Map(m.usage.map((u) => [u.departmentId, u]));
  const lines: ChargebackLine[] = allocations.map((a) => {
    const u = byId.get(a.id);
    let cheapest: ChargebackLine["cheapest"] = null;
    if (u) {
      const alts = priceAlternatives(m.scenario, u, u.peakOutputTokensPerSecond, m.bounds.fraction, a.amount);
      const best = alts.reduce<(typeof alts)[number] | null>((b, x) => (b === null || x.cost.lt(b.cost) ? x : b), null);
      if (best) cheapest = { name: best.name, cost: best.cost.toString(), savings: best.cost.minus(a.amount).toString() };
    }
    return {
      id: a.id,
      overhead: a.overhead,
      tenantId: u?.tenantId ?? null,
      tenantName: u?.tenantName ?? null,
      departmentId: u?.departmentId ?? null,
      departmentName: u?.departmentName ?? null,
      inputTokens: (u?.inputTokens ?? ZERO).toString(),
      outputTokens: (u?.outputTokens ?? ZERO).toString(),
      units: a.units.toString(),
      exact: a.exact.toString(),
      amount: a.amount.toString(),
      cheapest,
    };
  });
  return { total: roundMoney(m.cost.total), lines, capacityUnits: capacityUnits ?? null };
}

export type ChargebackResult =
  | { status: "noCostModel"; month: string }
  | {
      status: "ok";
      month: string;
      complete: boolean;
      policy: ChargebackPolicy;
      total: string;
      lines: ChargebackLine[];
      costModel: { version: number; name: string };
    };

/** The whole cluster's statement: every tenant's departments and the platform overhead line. */
export async function clusterChargeback(month: string | undefined, override: ChargebackPolicyInput = {}, now = new Date()): Promise<ChargebackResult> {
  const m = month ?? monthOf(now);
  const load = await loadMonth(m, now);
  if (load.status !== "ok") return { status: "noCostModel", month: m };
  const policy = policyOf(load.inputs, override);
  const result = computeChargeback(load.inputs, policy);
  return {
    status: "ok",
    month: m,
    complete: load.inputs.bounds.complete,
    policy,
    total: result.total.toString(),
    lines: result.lines,
    costModel: { version: load.inputs.version.version, name: load.inputs.version.name },
  };
}

/**
 * One tenant's lines of the cluster's statement, under the cost model's own
 * policy; nothing of any other tenant (not even the platform overhead line).
 */
export async function tenantChargeback(tenantId: string, month: string | undefined, now = new Date()): Promise<ChargebackResult> {
  const all = await clusterChargeback(month, {}, now);
  if (all.status !== "ok") return all;
  const lines = all.lines.filter((l) => !l.overhead && l.tenantId === tenantId);
  return { ...all, total: sum(lines.map((l) => l.amount)).toString(), lines };
}

export const PLATFORM_OVERHEAD = PLATFORM_OVERHEAD_ID;
