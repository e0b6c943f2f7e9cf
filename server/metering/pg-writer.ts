import type { Pool } from "pg";
import type { UsageEventInput } from "./event";
import { ROLLUP_SOURCE_COLUMNS, rollupInsert } from "./rollup-sql";

const COLUMNS: { name: keyof UsageEventInput; type: string }[] = [
  { name: "requestId", type: "text" },
  { name: "tenantId", type: "uuid" },
  { name: "departmentId", type: "uuid" },
  { name: "userId", type: "uuid" },
  { name: "apiKeyId", type: "uuid" },
  { name: "nodeId", type: "uuid" },
  { name: "model", type: "text" },
  { name: "endpoint", type: "text" },
  { name: "source", type: "text" },
  { name: "stream", type: "boolean" },
  { name: "promptTokens", type: "int4" },
  { name: "completionTokens", type: "int4" },
  { name: "cachedTokens", type: "int4" },
  { name: "tokenSource", type: `"TokenSource"` },
  { name: "status", type: `"UsageStatus"` },
  { name: "httpStatus", type: "int4" },
  { name: "queueMs", type: "int4" },
  { name: "ttftMs", type: "int4" },
  { name: "totalMs", type: "int4" },
  // Sent as text and cast, so that no decimal ever passes through a float.
  { name: "cost", type: "numeric" },
  { name: "startedAt", type: "timestamptz" },
  { name: "endedAt", type: "timestamptz" },
];

// One statement, so one transaction: the events that were not there yet, and
// exactly those, are added to the hourly rollups.
const INSERT_SQL = `WITH inserted AS (
  INSERT INTO "UsageEvent" (${COLUMNS.map((c) => `"${c.name}"`).join(", ")})
  SELECT * FROM UNNEST(${COLUMNS.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ")})
  ON CONFLICT ("requestId") DO NOTHING
  RETURNING ${ROLLUP_SOURCE_COLUMNS}
), rolled AS (
  ${rollupInsert("inserted")}
  RETURNING 1
)
SELECT count(*)::int AS inserted FROM inserted`;

const toParam = (value: UsageEventInput[keyof UsageEventInput]) => (value instanceof Date ? value.toISOString() : value);

/** Stores events that are not stored yet; returns how many were new. */
export async function insertEvents(pool: Pool, events: UsageEventInput[]): Promise<number> {
  const params = COLUMNS.map((c) => events.map((e) => toParam(e[c.name])));
  const result = await pool.query<{ inserted: number }>(INSERT_SQL, params);
  return result.rows[0]?.inserted ?? 0;
}

// SQLSTATE classes 22 (data exception) and 23 (integrity violation): the
// rows themselves are at fault, retrying the same batch can never succeed.
export function isRowError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}
