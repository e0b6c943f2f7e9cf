import { AppError, type AppErrorCode, type AppErrorDetails } from "@/server/errors";
import { logger } from "@/server/logger";
import type { Recorder, UsageEventInput } from "@/server/metering";
import { countTextTokens } from "@/server/metering/tokens";
import { exactPromptTokens } from "./context-fit";
import { requestedMaxTokens } from "./request-schema";
import { observeUsage } from "./metrics";
import type { Exchange, GatewayDeps } from "./types";
import type { UpstreamUsage } from "./usage-capture";

export type Settlement = {
  status: UsageEventInput["status"];
  httpStatus: number;
  usage: UpstreamUsage | null;
  // Text relayed to the client, counted when the node never said how much
  // it generated.
  generated: string;
  // Whether the node did any work (a request refused before dispatch did not).
  worked: boolean;
};

function tokens(exchange: Exchange, s: Settlement): Pick<UsageEventInput, "promptTokens" | "completionTokens" | "cachedTokens" | "tokenSource"> {
  if (s.usage) return { ...s.usage, tokenSource: "upstream" };
  if (!s.worked) return { promptTokens: 0, completionTokens: 0, cachedTokens: 0, tokenSource: "upstream" };
  // Never zero for work done: count what was sent and what came back.
  const prompt = exchange.knownPromptTokens ?? exactPromptTokens(exchange.parsed);
  return { promptTokens: prompt, completionTokens: countTextTokens(s.generated), cachedTokens: 0, tokenSource: "estimated" };
}

export function usageEvent(exchange: Exchange, s: Settlement, now = performance.now()): UsageEventInput {
  const dispatched = exchange.dispatchedAt ?? now;
  const counted = tokens(exchange, s);
  return {
    requestId: exchange.requestId,
    tenantId: exchange.caller.tenantId,
    departmentId: exchange.caller.departmentId,
    userId: exchange.caller.userId,
    apiKeyId: exchange.caller.apiKeyId,
    nodeId: exchange.node?.id ?? null,
    model: exchange.parsed.body.model,
    endpoint: exchange.parsed.endpoint,
    source: exchange.caller.source,
    stream: exchange.parsed.body.stream === true,
    ...counted,
    status: s.status,
    httpStatus: s.httpStatus,
    queueMs: Math.round(dispatched - exchange.t0),
    ttftMs: exchange.firstByteAt === null ? null : Math.round(exchange.firstByteAt - exchange.t0),
    totalMs: Math.round(now - exchange.t0),
    cost: exchange.price?.(counted.promptTokens, counted.completionTokens) ?? null,
    startedAt: exchange.startedAt,
    endedAt: new Date(),
  };
}

// The journal write happens synchronously inside record(), so the event
// survives even if this process is killed right after the client got its
// answer; its promise only reports the group fsync.
export function settle(recorder: Recorder, exchange: Exchange, s: Settlement): UsageEventInput {
  const event = usageEvent(exchange, s);
  observeUsage(event);
  recorder.record(event).catch((err: unknown) => logger.error({ err, requestId: exchange.requestId }, "usage event not journaled"));
  return event;
}

// Admission (before any upstream call): prices the request and, when quotas
// apply to its caller, reserves its worst case (exact prompt tokens plus
// max_tokens, or the rest of the context without it, times n) or throws the
// 429. The hold is settled by the usage event settle() records, in the same
// PostgreSQL transaction that stores it.
export async function admit(deps: GatewayDeps, exchange: Exchange, maxModelLen: number): Promise<Record<string, string>> {
  const quotas = deps.quotas;
  if (!quotas) return {};
  const { tenantId } = exchange.caller;
  exchange.price = (prompt, completion) => quotas.price(tenantId, prompt, completion, exchange.startedAt);
  if (!quotas.applies(exchange.caller)) return {};
  const prompt = (exchange.knownPromptTokens ??= exactPromptTokens(exchange.parsed));
  const body = exchange.parsed.body;
  const choices = Math.max(body.n ?? 1, typeof body.best_of === "number" ? body.best_of : 1);
  const completion = (requestedMaxTokens(exchange.parsed) ?? Math.max(0, maxModelLen - prompt)) * choices;
  try {
    const admission = await quotas.admit({ requestId: exchange.requestId, caller: exchange.caller, promptTokens: prompt, completionTokens: completion, at: exchange.startedAt });
    return admission.headers;
  } catch (error) {
    if (error instanceof AppError) throw error;
    // The playground runs inside Next's bundle, which has its own copy of
    // AppError: the gate's refusal is the same error under another class.
    const other = error as { name?: unknown; code?: AppErrorCode; message: string; details?: AppErrorDetails };
    if (other.name === "QuotaRefusal" || other.name === "AppError") throw new AppError(other.code!, other.message, other.details);
    // Without PostgreSQL no budget can be checked: refuse rather than overrun.
    logger.error({ err: error, requestId: exchange.requestId }, "quota admission failed");
    throw new AppError("UNAVAILABLE", "Quotas cannot be checked right now; try again shortly", { reason: "quota_unavailable" });
  }
}
