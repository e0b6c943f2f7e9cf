// The economics engine's public surface. Pure: no I/O, no Prisma, no Next.
export * from "./money";
export { bomLineAmount, priceBom, type BomLine, type PricedBomLine } from "./capex";
export {
  chargeForMonth,
  chargeForYear,
  decliningBalance,
  depreciationSchedule,
  straightLine,
  type DepreciationInput,
  type DepreciationMethod,
  type DepreciationYear,
} from "./depreciation";
export { opexItemPerYear, opexPerMonth, opexPerYear, type OpexItem } from "./opex";
export {
  DAYS_PER_YEAR,
  electricityCost,
  energyKwhFromPower,
  integratePowerSamples,
  type AssumedPower,
  type IntegratedEnergy,
  type PowerSample,
} from "./energy";
export {
  costPer1kTokens,
  cumulativeCost,
  monthCost,
  totalTokens,
  utilisation,
  yearCost,
  type CostBasis,
  type OwnershipCost,
} from "./period-cost";
export {
  HOURS_PER_MONTH,
  SECONDS_PER_MONTH,
  instanceMonthlyCost,
  instancesNeeded,
  normaliseTiers,
  peakTokensPerSecond,
  priceApiUsage,
  priceCloudUsage,
  savings,
  savingsRate,
  tieredCost,
  unitSize,
  type ApiCost,
  type ApiPrice,
  type CloudCost,
  type CloudInstance,
  type PriceTier,
  type TokenVolume,
} from "./alternatives";
export { ownershipPayback, paybackMonths, roi, roiByYear, type Payback, type RoiYear } from "./roi";
export { annualRateFromMonthly, IRR_TOLERANCE, irr, monthlyRateFromAnnual, npv, type Irr } from "./npv";
export { breakEvenApiVolume, breakEvenCloudVolume, type BreakEven } from "./breakeven";
export {
  BYTES_PER_PARAM,
  GIB,
  QUANT_OVERHEAD,
  QWEN25_7B,
  cardsNeeded,
  kvBytesPerToken,
  memoryNeed,
  outputTokensPerMonth,
  quantisationWhatIf,
  usableBytesPerCard,
  utilisationWhatIf,
  validTensorParallel,
  weightBytes,
  type CardSpec,
  type CardsNeeded,
  type MemoryInput,
  type MemoryNeed,
  type ModelSpec,
  type Precision,
  type ThroughputInput,
  type UtilisationPoint,
} from "./capacity";
export {
  PLATFORM_OVERHEAD_ID,
  allocateCost,
  weightedTokens,
  type Allocation,
  type AllocationInput,
  type TokenWeights,
  type Usage,
} from "./chargeback";
export { tornado, type Perturbation, type TornadoBar } from "./sensitivity";
export { parseScenario, scenarioSchema, type Scenario, type ScenarioInput } from "./scenario";
export { benefitPerMonth, electricityPerYear, ownershipFromScenario } from "./scenario-model";
export { cashRoiAtYear, scenarioPerturbations, scenarioTornado } from "./scenario-sensitivity";
export { evaluateScenario, type AlternativeReport, type CapacityReport, type ScenarioReport } from "./evaluate";
export { reportToJSON, type Jsonified } from "./report-json";
export { formatReportText, type ReportLocale } from "./report-text";
export {
  ARTICLE_PRINTED_FIGURES,
  ARTICLE_SCENARIO,
  type FigureUnit,
  type Printed,
  type PrintedFigure,
} from "./article-scenario";
export { comparePrinted, comparePublished, formatPrinted, type PublishedRow } from "./published";
export { actualMonthCost, monthOfLife, type ActualMonthCost, type ActualMonthInput } from "./month-actual";
