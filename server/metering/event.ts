import { z } from "zod";

export type UsageEventInput = {
  requestId: string;
  tenantId: string;
  departmentId: string;
  userId: string | null;
  apiKeyId: string | null;
  nodeId: string | null;
  model: string;
  endpoint: string;
  source: "api" | "playground";
  stream: boolean;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  tokenSource: "upstream" | "estimated";
  status: "ok" | "upstream_error" | "client_cancelled" | "rejected";
  httpStatus: number;
  queueMs: number;
  ttftMs: number | null;
  totalMs: number;
  /** Decimal string at the internal rate, or null when no rate applies. */
  cost: string | null;
  startedAt: Date;
  endedAt: Date;
};

// PostgreSQL refuses NUL in text; a row it refuses would block the journal
// behind it, so every field is checked against its column before journaling.
const text = (max: number) => z.string().min(1).max(max).refine((s) => !s.includes("\u0000"), "contains NUL");
const int4 = z.int().min(0).max(2_147_483_647);
const uuid = z.guid();

export const usageEventSchema = z.object({
  requestId: text(200),
  tenantId: uuid,
  departmentId: uuid,
  userId: uuid.nullable(),
  apiKeyId: uuid.nullable(),
  nodeId: uuid.nullable(),
  model: text(200),
  endpoint: text(100),
  source: z.enum(["api", "playground"]),
  stream: z.boolean(),
  promptTokens: int4,
  completionTokens: int4,
  cachedTokens: int4,
  tokenSource: z.enum(["upstream", "estimated"]),
  status: z.enum(["ok", "upstream_error", "client_cancelled", "rejected"]),
  httpStatus: z.int().min(0).max(999),
  queueMs: int4,
  ttftMs: int4.nullable(),
  totalMs: int4,
  // numeric(20, 8): twelve integer digits; PostgreSQL rounds extra decimals.
  cost: z.string().regex(/^\d{1,12}(\.\d{1,20})?$/).nullable(),
  startedAt: z.date(),
  endedAt: z.date(),
}) satisfies z.ZodType<UsageEventInput>;

export function validateEvent(event: UsageEventInput): UsageEventInput {
  return usageEventSchema.parse(event);
}

/** One journal line: the event as JSON (dates as ISO strings) and a newline. */
export function encodeLine(event: UsageEventInput): string {
  return `${JSON.stringify(event)}\n`;
}

/** The event of a journal line (without its newline), or null if the line is damaged. */
export function decodeLine(line: string): UsageEventInput | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null) return null;
  const fields = raw as Record<string, unknown>;
  const parsed = usageEventSchema.safeParse({
    ...fields,
    startedAt: typeof fields.startedAt === "string" ? new Date(fields.startedAt) : fields.startedAt,
    endedAt: typeof fields.endedAt === "string" ? new Date(fields.endedAt) : fields.endedAt,
  });
  return parsed.success ? parsed.data : null;
}
