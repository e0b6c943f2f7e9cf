import type { KeyCache } from "@/server/auth/api-keys";
import type { ClusterPool, NodeRef } from "@/server/cluster";
import type { Recorder, UsageEventInput } from "@/server/metering";
import type { QuotaGate } from "@/server/quota";
import type { ParsedRequest } from "./request-schema";

// Who a request is billed to, however it arrived.
export type Caller = {
  tenantId: string;
  departmentId: string;
  userId: string | null;
  apiKeyId: string | null;
  source: UsageEventInput["source"];
};

export type GatewayDeps = {
  pool: ClusterPool;
  recorder: Recorder;
  keys: KeyCache;
  bodyLimit: number;
  // Quotas, rate limits and the internal rate that prices usage; null: none.
  quotas?: QuotaGate | null;
};

// One request's journey, filled in as it goes and turned into exactly one
// usage event at the end.
export type Exchange = {
  requestId: string;
  caller: Caller;
  parsed: ParsedRequest;
  startedAt: Date;
  t0: number;
  knownPromptTokens: number | null;
  node: NodeRef | null;
  dispatchedAt: number | null;
  firstByteAt: number | null;
  // Prices the request's tokens at the internal rate (UsageEvent.cost).
  price?: (promptTokens: number, completionTokens: number) => string | null;
};
