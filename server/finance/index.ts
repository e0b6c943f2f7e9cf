// Finance services: load the cost model, the price catalog, usage and
// measured energy from the database and hand them to the pure economics
// engine (server/economics), which computes every figure.
export { PLATFORM_TIMEZONE, addMonths, monthBounds, monthOf, monthSchema, daySchema, monthStart, type MonthBounds } from "./period";
export {
  catalogAt,
  catalogEntryInput,
  createCatalogEntry,
  listCatalog,
  retireCatalogEntry,
  type CatalogEntryInput,
  type CatalogEntryView,
} from "./catalog";
export {
  costModelForMonth,
  costModelInput,
  createCostModelVersion,
  listCostModelVersions,
  type CostModelInput,
  type CostModelView,
} from "./cost-model";
export { measuredEnergy, MAX_SAMPLE_GAP_MS, MIN_COVERAGE, type MeasuredEnergy } from "./energy";
export { loadMonth, type MonthInputs } from "./month";
export { platformOverview, tenantOverview } from "./overview";
export { alternativesReport } from "./alternatives";
export {
  chargebackPolicyInput,
  clusterChargeback,
  tenantChargeback,
  PLATFORM_OVERHEAD,
  type ChargebackLine,
  type ChargebackPolicyInput,
  type ChargebackResult,
} from "./chargeback";
export { roiBaseScenario } from "./roi";
export { catalogAsScenarioAlternatives } from "./catalog";
export { deleteScenario, listSavedScenarios, savedScenarioInput, saveScenario } from "./scenarios";
export { ARTICLE_COST_MODEL_NAME, demoStartMonth, seedFinanceDemo, seedUsageHistory } from "./demo";
