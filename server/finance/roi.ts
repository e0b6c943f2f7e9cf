import { maxOf, ONE, SECONDS_PER_MONTH, type ScenarioInput } from "@/server/economics";
import { catalogAsScenarioAlternatives, catalogAt } from "./catalog";
import { costModelForMonth } from "./cost-model";
import { addMonths, monthBounds, monthOf } from "./period";
import { peakOutputTokensPerSecond, totalsOf, usageByDepartment } from "./usage";

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
