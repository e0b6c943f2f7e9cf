import { z } from "zod";
import { getDb, type Prisma } from "@/server/db";
import { parseScenario, scenarioSchema, type Scenario, type ScenarioInput } from "@/server/economics";
import { AppError } from "@/server/errors";
import type { CostModelVersion } from "@/server/generated/prisma/client";
import { recordAudit } from "@/server/tenancy/audit";
import { nonNegativeDecimalText } from "./decimal-input";
import { addMonths, monthOf, monthSchema, monthStart } from "./period";

// The versioned cost model. A version's inputs are a scenario of the
// economics engine without alternatives (those come from the price catalog);
// a month is costed with the latest version effective at its start.


export const costModelInput = z.object({
  name: z.string().trim().min(1).max(200),
  effectiveMonth: monthSchema,
  inServiceMonth: monthSchema,
  /** A scenario file's content (see server/economics/README.md); its alternatives are ignored. */
  inputs: z.record(z.string(), z.unknown()),
  allocationMethod: z.enum(["WEIGHTED_TOKENS", "GPU_TIME"]).default("WEIGHTED_TOKENS"),
  idlePolicy: z.enum(["SPREAD", "OVERHEAD"]).default("SPREAD"),
  inputTokenWeight: nonNegativeDecimalText.default("1"),
  outputTokenWeight: nonNegativeDecimalText.default("1"),
  note: z.string().trim().max(1000).optional(),
});
export type CostModelInput = z.input<typeof costModelInput>;

export type CostModelView = ReturnType<typeof versionView>;

export function versionView(v: CostModelVersion) {
  return {
    id: v.id,
    version: v.version,
    name: v.name,
    effectiveMonth: monthOf(v.effectiveFrom),
    inServiceMonth: monthOf(v.inServiceFrom),
    inputs: v.inputs as ScenarioInput,
    allocationMethod: v.allocationMethod,
    idlePolicy: v.idlePolicy,
    inputTokenWeight: v.inputTokenWeight.toString(),
    outputTokenWeight: v.outputTokenWeight.toString(),
    note: v.note,
    createdAt: v.createdAt,
  };
}

export async function listCostModelVersions() {
  const rows = await getDb().costModelVersion.findMany({ orderBy: { version: "desc" } });
  return rows.map(versionView);
}

/** The version in effect for a month: the latest one effective at its start. */
export async function costModelForMonth(month: string) {
  const row = await getDb().costModelVersion.findFirst({
    where: { effectiveFrom: { lte: monthStart(month) } },
    orderBy: [{ effectiveFrom: "desc" }, { version: "desc" }],
  });
  return row ? versionView(row) : null;
}

/** A version's scenario with the given alternatives (and optionally a volume). */
export function scenarioOf(v: CostModelView, alternatives: Scenario["alternatives"], volume?: Scenario["volume"]): Scenario {
  const base = parseScenario(v.inputs);
  return { ...base, alternatives, ...(volume ? { volume } : {}) };
}

function withoutAlternatives(inputs: Record<string, unknown>): Record<string, unknown> {
  const { alternatives: _ignored, ...rest } = inputs;
  return rest;
}

/**
 * A new version. Past months keep the version that applied to them, so a new
 * version may take effect from the current month at the earliest.
 */
export async function createCostModelVersion(actorUserId: string | null, input: CostModelInput, now = new Date()) {
  const v = costModelInput.parse(input);
  const current = monthOf(now);
  if (v.effectiveMonth < current) {
    throw new AppError("BAD_REQUEST", `A new version takes effect from ${current} at the earliest: past months keep the version that applied to them`, { param: "effectiveMonth" });
  }
  if (v.inServiceMonth > addMonths(v.effectiveMonth, 1200)) throw new AppError("BAD_REQUEST", "In-service month is out of range");
  const inputs = withoutAlternatives(v.inputs);
  const check = scenarioSchema.safeParse(inputs);
  if (!check.success) {
    const message = check.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new AppError("BAD_REQUEST", `Invalid cost model: ${message}`, { param: "inputs" });
  }
  const db = getDb();
  return db.$transaction(async (tx) => {
    const [last] = await tx.$queryRaw<{ max: number | null }[]>`SELECT max(version) AS max FROM "CostModelVersion"`;
    const row = await tx.costModelVersion.create({
      data: {
        version: (last?.max ?? 0) + 1,
        name: v.name,
        effectiveFrom: monthStart(v.effectiveMonth),
        inServiceFrom: monthStart(v.inServiceMonth),
        inputs: inputs as Prisma.InputJsonValue,
        allocationMethod: v.allocationMethod,
        idlePolicy: v.idlePolicy,
        inputTokenWeight: v.inputTokenWeight,
        outputTokenWeight: v.outputTokenWeight,
        note: v.note ?? null,
        createdById: actorUserId,
      },
    });
    await recordAudit(tx, {
      tenantId: null,
      actorUserId,
      action: "cost_model.create",
      targetType: "cost_model_version",
      targetId: row.id,
      data: { version: row.version, effectiveMonth: v.effectiveMonth },
    });
    return versionView(row);
  });
}
