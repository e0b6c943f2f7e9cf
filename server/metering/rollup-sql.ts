// The one definition of an hourly rollup, used both by the flusher (over the
// rows an INSERT actually inserted, so replays add nothing) and by a full
// rebuild (over UsageEvent). Hours are UTC hours; users and keys that are
// absent roll up under the nil UUID so that the key has no NULLs.
export const NIL_UUID = "00000000-0000-0000-0000-000000000000";

/** Columns a source of rollups must provide, named as in UsageEvent. */
export const ROLLUP_SOURCE_COLUMNS = `"tenantId", "departmentId", "userId", "apiKeyId", "model", "startedAt", "status", "tokenSource", "promptTokens", "completionTokens", "cachedTokens", "totalMs", "cost"`;

// Client cancellations are not errors: the work was done and is billed.
export function rollupInsert(source: string): string {
  return `INSERT INTO "UsageHourly" ("hour", "tenantId", "departmentId", "userId", "apiKeyId", "model",
    "requests", "errors", "estimated", "promptTokens", "completionTokens", "cachedTokens", "totalMs", "cost")
  SELECT date_trunc('hour', "startedAt", 'UTC'), "tenantId", "departmentId",
    COALESCE("userId", '${NIL_UUID}'::uuid), COALESCE("apiKeyId", '${NIL_UUID}'::uuid), "model",
    count(*), count(*) FILTER (WHERE "status" IN ('upstream_error', 'rejected')), count(*) FILTER (WHERE "tokenSource" = 'estimated'),
    sum("promptTokens"), sum("completionTokens"), sum("cachedTokens"), sum("totalMs"), COALESCE(sum("cost"), 0)
  FROM ${source}
  GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ("hour", "tenantId", "departmentId", "userId", "apiKeyId", "model") DO UPDATE SET
    "requests" = "UsageHourly"."requests" + EXCLUDED."requests",
    "errors" = "UsageHourly"."errors" + EXCLUDED."errors",
    "estimated" = "UsageHourly"."estimated" + EXCLUDED."estimated",
    "promptTokens" = "UsageHourly"."promptTokens" + EXCLUDED."promptTokens",
    "completionTokens" = "UsageHourly"."completionTokens" + EXCLUDED."completionTokens",
    "cachedTokens" = "UsageHourly"."cachedTokens" + EXCLUDED."cachedTokens",
    "totalMs" = "UsageHourly"."totalMs" + EXCLUDED."totalMs",
    "cost" = "UsageHourly"."cost" + EXCLUDED."cost"`;
}
