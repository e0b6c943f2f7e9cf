import { AppError } from "@/server/errors";

// One row of quota_admit(): a quota that applies to the request and what it
// says about it. int8 and numeric arrive as strings.
export type Verdict = {
  quota_id: string;
  counter_id: string;
  verdict: "ok" | "insufficient_quota" | "rate_limit_requests" | "rate_limit_tokens";
  hard: boolean;
  tokens: string;
  token_limit: string | null;
  tokens_left: string | null;
  spend_limit: string | null;
  spend_left: string | null;
  period_start: Date;
  period_end: Date;
  rpm: number | null;
  requests_left: number | null;
  tpm: number | null;
  rate_tokens_left: string | null;
  window_end: Date;
};

export type QuotaLabel = { scope: "DEPARTMENT" | "MEMBER" | "KEY"; period: "DAY" | "WEEK" | "MONTH" };

const SCOPE_TEXT: Record<QuotaLabel["scope"], string> = { DEPARTMENT: "department's", MEMBER: "member's", KEY: "API key's" };
const PERIOD_TEXT: Record<QuotaLabel["period"], string> = { DAY: "daily", WEEK: "weekly", MONTH: "monthly" };

/** A 429 with OpenAI's body and the headers clients back off by. */
export class QuotaRefusal extends AppError {
  constructor(
    message: string,
    readonly reason: "insufficient_quota" | "rate_limit_exceeded",
    readonly headers: Record<string, string>,
  ) {
    super("TOO_MANY_REQUESTS", message, { reason });
    this.name = "QuotaRefusal";
  }

  body() {
    const type = this.reason === "insufficient_quota" ? "insufficient_quota" : "rate_limit_error";
    return { error: { message: this.message, type, param: null, code: this.reason } };
  }
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function tightest<T>(rows: Verdict[], pick: (v: Verdict) => T | null, left: (v: Verdict) => number): { row: Verdict; limit: T } | null {
  let best: { row: Verdict; limit: T } | null = null;
  for (const row of rows) {
    const limit = pick(row);
    if (limit === null) continue;
    if (!best || left(row) < left(best.row)) best = { row, limit };
  }
  return best;
}

/** x-ratelimit-* for the tightest rate limits; `charged` says whether this request was counted. */
export function rateLimitHeaders(rows: Verdict[], now: number, charged: { requests: number; tokens: number }): Record<string, string> {
  const headers: Record<string, string> = {};
  const req = tightest(rows, (v) => v.rpm, (v) => v.requests_left ?? Infinity);
  if (req) {
    headers["x-ratelimit-limit-requests"] = String(req.limit);
    headers["x-ratelimit-remaining-requests"] = String(Math.max(0, (req.row.requests_left ?? 0) - charged.requests));
    headers["x-ratelimit-reset-requests"] = `${seconds(req.row.window_end.getTime() - now)}s`;
  }
  const tok = tightest(rows, (v) => v.tpm, (v) => Number(v.rate_tokens_left ?? Infinity));
  if (tok) {
    headers["x-ratelimit-limit-tokens"] = String(tok.limit);
    headers["x-ratelimit-remaining-tokens"] = String(Math.max(0, Number(tok.row.rate_tokens_left ?? 0) - charged.tokens));
    headers["x-ratelimit-reset-tokens"] = `${seconds(tok.row.window_end.getTime() - now)}s`;
  }
  return headers;
}

/**
 * The refusal for a set of verdicts, or null when all admit. A rate limit
 * wins over a budget: it clears within the minute.
 */
export function refusalOf(rows: Verdict[], labels: ReadonlyMap<string, QuotaLabel>, need: { prompt: number; completion: number }, now: number): QuotaRefusal | null {
  const rate = rows.find((r) => r.verdict === "rate_limit_requests" || r.verdict === "rate_limit_tokens");
  if (rate) {
    const retry = seconds(rate.window_end.getTime() - now);
    const what = rate.verdict === "rate_limit_requests" ? `requests per minute (limit ${rate.rpm})` : `tokens per minute (limit ${rate.tpm}; this request may use up to ${need.prompt + need.completion})`;
    return new QuotaRefusal(`Rate limit reached for ${what}. Please try again in ${retry}s.`, "rate_limit_exceeded", {
      ...rateLimitHeaders(rows, now, { requests: 0, tokens: 0 }),
      "retry-after": String(retry),
    });
  }
  const budget = rows.find((r) => r.verdict === "insufficient_quota");
  if (!budget) return null;
  const label = labels.get(budget.quota_id);
  const whose = label ? `${SCOPE_TEXT[label.scope]} ${PERIOD_TEXT[label.period]}` : "";
  const tokensShort = budget.token_limit !== null && BigInt(budget.tokens) > BigInt(budget.tokens_left ?? "0");
  const detail = tokensShort
    ? `the ${whose} token budget has ${Math.max(0, Number(budget.tokens_left))} tokens left and this request may need up to ${budget.tokens} (prompt ${need.prompt} + up to ${need.completion} generated)`
    : `the ${whose} spending budget has ${budget.spend_left} left, less than this request may cost`;
  return new QuotaRefusal(
    `You exceeded your current quota: ${detail.replace(/\s+/g, " ")}. Lower max_tokens, or wait until the budget resets at ${budget.period_end.toISOString()}.`,
    "insufficient_quota",
    { "x-should-retry": "false", "x-quota-reset": budget.period_end.toISOString() },
  );
}
