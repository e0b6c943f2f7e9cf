// The metering module: durable usage recording, hourly rollups, token counts
// for estimates, and the usage queries behind the portal pages.
export type { UsageEventInput } from "./event";
export { createRecorder, type Recorder, type RecorderOptions } from "./recorder";
export { rebuildHourly } from "./rebuild";
export { countChatPromptTokens, countCompletionPromptTokens, countTextTokens, warmTokenizer, type ChatMessage } from "./tokens";
export { departmentUsage, myUsage, tenantUsage, type UsageRange } from "./queries";
export { recentRequests, type RecentRequest } from "./requests";
export type { UsageSums } from "./aggregates";
export { RANGE_DAYS, type RangeDays } from "./window";
