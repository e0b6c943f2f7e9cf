import { z } from "zod";
import { getDb } from "@/server/db";
import { scenarioSchema, type Scenario, type ScenarioInput } from "@/server/economics";
import { AppError, notFound } from "@/server/errors";
import type { PriceCatalogEntry } from "@/server/generated/prisma/client";
import { recordAudit } from "@/server/tenancy/audit";
import { nonNegativeDecimalText } from "./decimal-input";
import { dayOf, daySchema, dayStart } from "./period";

// The price catalog: the alternatives to self-hosting, each with the dates it
// applies and where its price comes from. A price change is a new entry and
// the old one retired, so that a past month is priced as it was then.

const tier = z.object({ upTo: nonNegativeDecimalText.nullable(), price: nonNegativeDecimalText });
const tiers = z.array(tier).min(1).max(10);

const common = {
  name: z.string().trim().min(1).max(100),
  currency: z.string().regex(/^[A-Z]{3}$/).default("CNY"),
  effectiveFrom: daySchema,
  source: z.string().trim().min(1).max(500),
};

export const catalogEntryInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("API"), ...common, unit: z.enum(["1K", "1M"]), inputTiers: tiers, outputTiers: tiers }),
  z.object({
    kind: z.literal("CLOUD"),
    ...common,
    price: nonNegativeDecimalText,
    per: z.enum(["hour", "month", "year"]),
    hoursPerMonth: nonNegativeDecimalText.optional(),
    outputTokensPerSecond: nonNegativeDecimalText.optional(),
  }),
]);
export type CatalogEntryInput = z.input<typeof catalogEntryInput>;

export type CatalogEntryView = ReturnType<typeof entryView>;

function entryView(e: PriceCatalogEntry) {
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    currency: e.currency,
    unit: e.unit,
    inputTiers: (e.inputTiers as { upTo: string | null; price: string }[] | null) ?? null,
    outputTiers: (e.outputTiers as { upTo: string | null; price: string }[] | null) ?? null,
    price: e.price?.toString() ?? null,
    per: e.per,
    hoursPerMonth: e.hoursPerMonth?.toString() ?? null,
    outputTokensPerSecond: e.outputTokensPerSecond?.toString() ?? null,
    effectiveFrom: dayOf(e.effectiveFrom),
    effectiveTo: e.effectiveTo ? dayOf(e.effectiveTo) : null,
    source: e.source,
  };
}

export async function listCatalog() {
  const rows = await getDb().priceCatalogEntry.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }, { effectiveFrom: "desc" }] });
  return rows.map(entryView);
}

/** Entries that apply at an instant: effectiveFrom <= at < effectiveTo. */
export async function catalogAt(at: Date) {
  const rows = await getDb().priceCatalogEntry.findMany({
    where: { effectiveFrom: { lte: at }, OR: [{ effectiveTo: null }, { effectiveTo: { gt: at } }] },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
  });
  return rows.map(entryView);
}

/**
 * The entries as the engine's alternatives, in the cost model's currency;
 * entries in another currency cannot be compared without a rate and are
 * listed apart.
 */
/** Catalog entries as a scenario file's alternatives (decimal strings, as stored). */
export function catalogAsScenarioAlternatives(entries: readonly CatalogEntryView[], currency: string): NonNullable<ScenarioInput["alternatives"]> {
  const usable = entries.filter((e) => e.currency === currency);
  return {
    apis: usable
      .filter((e) => e.kind === "API")
      .map((e) => ({ name: e.name, unit: (e.unit ?? "1K") as "1K" | "1M", input: e.inputTiers!, output: e.outputTiers!, source: e.source })),
    cloud: usable
      .filter((e) => e.kind === "CLOUD")
      .map((e) => ({
        name: e.name,
        price: e.price!,
        per: e.per as "hour" | "month" | "year",
        ...(e.hoursPerMonth ? { hoursPerMonth: e.hoursPerMonth } : {}),
        ...(e.outputTokensPerSecond ? { outputTokensPerSecond: e.outputTokensPerSecond } : {}),
        source: e.source,
      })),
  };
}

export function toAlternatives(entries: readonly CatalogEntryView[], currency: string) {
  const alternatives = scenarioSchema.shape.alternatives.parse(catalogAsScenarioAlternatives(entries, currency)) as Scenario["alternatives"];
  return { alternatives, used: entries.filter((e) => e.currency === currency), skipped: entries.filter((e) => e.currency !== currency) };
}

export async function createCatalogEntry(actorUserId: string | null, input: CatalogEntryInput) {
  const e = catalogEntryInput.parse(input);
  // The engine validates tier order and bounds; its message is the user's.
  if (e.kind === "API") {
    const check = scenarioSchema.shape.alternatives.safeParse({ apis: [{ name: e.name, unit: e.unit, input: e.inputTiers, output: e.outputTiers }] });
    if (!check.success) throw new AppError("BAD_REQUEST", check.error.issues.map((i) => i.message).join("; "));
  }
  const db = getDb();
  return db.$transaction(async (tx) => {
    const row = await tx.priceCatalogEntry.create({
      data: {
        kind: e.kind,
        name: e.name,
        currency: e.currency,
        effectiveFrom: dayStart(e.effectiveFrom),
        source: e.source,
        createdById: actorUserId,
        ...(e.kind === "API"
          ? { unit: e.unit, inputTiers: e.inputTiers, outputTiers: e.outputTiers }
          : { price: e.price, per: e.per, hoursPerMonth: e.hoursPerMonth ?? null, outputTokensPerSecond: e.outputTokensPerSecond ?? null }),
      },
    });
    await recordAudit(tx, { tenantId: null, actorUserId, action: "price_catalog.create", targetType: "price_catalog_entry", targetId: row.id, data: { ...e } });
    return entryView(row);
  });
}

/** Ends an entry's validity at the start of `effectiveTo` (a platform day). */
export async function retireCatalogEntry(actorUserId: string | null, entryId: string, effectiveTo: string) {
  const db = getDb();
  return db.$transaction(async (tx) => {
    const row = await tx.priceCatalogEntry.findUnique({ where: { id: entryId } });
    if (!row) throw notFound("Price catalog entry");
    const to = dayStart(effectiveTo);
    if (to.getTime() <= row.effectiveFrom.getTime()) throw new AppError("BAD_REQUEST", "An entry must end after it starts");
    const updated = await tx.priceCatalogEntry.update({ where: { id: entryId }, data: { effectiveTo: to } });
    await recordAudit(tx, { tenantId: null, actorUserId, action: "price_catalog.retire", targetType: "price_catalog_entry", targetId: entryId, data: { effectiveTo } });
    return entryView(updated);
  });
}
