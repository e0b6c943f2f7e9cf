import { z } from "zod";
import { getDb, type Prisma } from "@/server/db";
import { scenarioSchema, type ScenarioInput } from "@/server/economics";
import { AppError, notFound } from "@/server/errors";
import { recordAudit } from "@/server/tenancy/audit";

// Finance's named what-if scenarios, saved from the ROI editor.

export const savedScenarioInput = z.object({
  name: z.string().trim().min(1).max(100),
  inputs: z.record(z.string(), z.unknown()),
});

export async function listSavedScenarios() {
  const rows = await getDb().savedScenario.findMany({ orderBy: { updatedAt: "desc" } });
  return rows.map((r) => ({ id: r.id, name: r.name, inputs: r.inputs as ScenarioInput, updatedAt: r.updatedAt }));
}

/** Saves under a name; saving again under the same name replaces it. */
export async function saveScenario(actorUserId: string | null, input: z.input<typeof savedScenarioInput>) {
  const v = savedScenarioInput.parse(input);
  const check = scenarioSchema.safeParse(v.inputs);
  if (!check.success) {
    throw new AppError("BAD_REQUEST", `Invalid scenario: ${check.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const db = getDb();
  return db.$transaction(async (tx) => {
    const row = await tx.savedScenario.upsert({
      where: { name: v.name },
      update: { inputs: v.inputs as Prisma.InputJsonValue },
      create: { name: v.name, inputs: v.inputs as Prisma.InputJsonValue, createdById: actorUserId },
    });
    await recordAudit(tx, { tenantId: null, actorUserId, action: "scenario.save", targetType: "saved_scenario", targetId: row.id, data: { name: v.name } });
    return { id: row.id, name: row.name };
  });
}

export async function deleteScenario(actorUserId: string | null, scenarioId: string) {
  const db = getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.savedScenario.deleteMany({ where: { id: scenarioId } });
    if (count === 0) throw notFound("Scenario");
    await recordAudit(tx, { tenantId: null, actorUserId, action: "scenario.delete", targetType: "saved_scenario", targetId: scenarioId });
  });
}
