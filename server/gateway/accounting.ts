import { logger } from "@/server/logger";
import type { Recorder, UsageEventInput } from "@/server/metering";
import { countTextTokens } from "@/server/metering/tokens";
import { exactPromptTokens } from "./context-fit";
import { observeUsage } from "./metrics";
import type { Exchange } from "./types";
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
    ...tokens(exchange, s),
    status: s.status,
    httpStatus: s.httpStatus,
    queueMs: Math.round(dispatched - exchange.t0),
    ttftMs: exchange.firstByteAt === null ? null : Math.round(exchange.firstByteAt - exchange.t0),
    totalMs: Math.round(now - exchange.t0),
    cost: null,
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
