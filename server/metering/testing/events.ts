import { randomUUID } from "node:crypto";
import type { UsageEventInput } from "../event";

// A plausible finished request; tests override what they look at.
export function sampleEvent(overrides: Partial<UsageEventInput> & Pick<UsageEventInput, "tenantId" | "departmentId">): UsageEventInput {
  const endedAt = overrides.endedAt ?? new Date();
  return {
    requestId: `req-${randomUUID()}`,
    userId: null,
    apiKeyId: null,
    nodeId: null,
    model: "Qwen/Qwen2.5-7B-Instruct",
    endpoint: "chat.completions",
    source: "api",
    stream: false,
    promptTokens: 30,
    completionTokens: 12,
    cachedTokens: 0,
    tokenSource: "upstream",
    status: "ok",
    httpStatus: 200,
    queueMs: 1,
    ttftMs: 40,
    totalMs: 250,
    cost: "0.00012345",
    startedAt: new Date(endedAt.getTime() - 250),
    endedAt,
    ...overrides,
  };
}
