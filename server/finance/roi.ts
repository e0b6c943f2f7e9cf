import { maxOf, ONE, SECONDS_PER_MONTH, type ScenarioInput } from "@/server/economics";
import { catalogAt, type CatalogEntryView } from "./catalog";
import { costModelForMonth } from "./cost-model";
import { addMonths, monthBounds, monthOf } from "./period";
import { peakOutputTokensPerSecond, totalsOf, usageByDepartment } from "./usage";

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

/**
 * The scenario the ROI page starts from: the cost model in effect now, the
 * catalog in effect now, and last month's actual volume (the model's own
 * volume assumption when last month saw no usage). The page evaluates it,
 * and every edit of it, with the same engine.
 */
export async function roiBaseScenario(now = new Date()) {
  const current = monthOf(now);
  const version = await costModelForMonth(current);
  if (!version) return { status: "noCostModel" as const, month: current };
  const currency = (version.inputs.currency as string | undefined) ?? "CNY";
  const alternatives = catalogAsScenarioAlternatives(await catalogAt(now), currency);
  const last = monthBounds(addMonths(current, -1), now);
  const totals = totalsOf(await usageByDepartment(last.from, last.to));
  let volume = version.inputs.volume;
  let observed = false;
  if (totals.outputTokens.gt(0)) {
    const peak = await peakOutputTokensPerSecond(last.from, last.to);
    const average = totals.outputTokens.div(SECONDS_PER_MONTH);
    volume = {
      inputTokensPerMonth: totals.inputTokens.toString(),
      outputTokensPerMonth: totals.outputTokens.toString(),
      peakToAverage: maxOf(peak.div(average), ONE).toDecimalPlaces(4).toString(),
    };
    observed = true;
  }
  const scenario: ScenarioInput = { ...version.inputs, alternatives, ...(volume ? { volume } : {}) };
  return {
    status: "ok" as const,
    month: current,
    costModel: { version: version.version, name: version.name, effectiveMonth: version.effectiveMonth },
    volumeSource: { month: last.month, observed },
    scenario,
  };
}
