// Quotas: budgets and rate limits per department, member or key, reserved
// atomically in PostgreSQL before a request reaches the cluster and settled
// by its usage event; alerts; the internal chargeback rate.
export { createQuotaGate, DEFAULT_HOLD_TTL_MS, QUOTA_CHANGED_CHANNEL, type AdmitRequest, type Admission, type GateOptions, type QuotaCaller, type QuotaGate } from "./gate";
export { priceTokens, rateAt, type Rate, type RateRow } from "./pricing";
export { QuotaRefusal } from "./verdict";
export { quotaPeriod, quotaScope, quotaSettings, rateSettings, type QuotaSettings, type RateSettings } from "./schema";
export {
  assertDepartmentOf,
  burnDown,
  deleteQuota,
  ensureDefaultRate,
  findQuota,
  listAlerts,
  listQuotas,
  listRates,
  myQuotas,
  quotaHistory,
  setQuota,
  setRate,
  type QuotaActor,
  type QuotaStatus,
} from "./service";
export { getAlertChannel, setAlertChannel, webhookAllowlist, type AlertChannelInput } from "./channel";
export { deliverDueAlerts, smtpMailer, startAlertDelivery, type Mailer } from "./alerts";
export { forecast, forecastLine, type BurnPoint, type Forecast } from "./forecast";
