import type { ClusterPool } from "@/server/cluster";
import { AppError } from "@/server/errors";
import { checkContextFits } from "./context-fit";
import type { ParsedRequest } from "./request-schema";
import type { Caller, Exchange } from "./types";

function servedModel(pool: ClusterPool, model: string): { maxModelLen: number } {
  const served = pool.models().find((m) => m.id === model);
  if (!served) throw new AppError("NOT_FOUND", `The model '${model}' does not exist or is not served by this cluster`, { reason: "model_not_found", param: "model" });
  return served;
}

// The checks every request passes before it can count as usage, wherever it
// came from (/v1 or the playground): its model is served and it fits the
// model's context. Returns the exchange that will become its usage event.
export function openExchange(pool: ClusterPool, requestId: string, caller: Caller, parsed: ParsedRequest, t0: number): { exchange: Exchange; maxModelLen: number } {
  const { maxModelLen } = servedModel(pool, parsed.body.model);
  const knownPromptTokens = checkContextFits(parsed, maxModelLen);
  const exchange: Exchange = { requestId, caller, parsed, startedAt: new Date(), t0, knownPromptTokens, node: null, dispatchedAt: null, firstByteAt: null };
  return { exchange, maxModelLen };
}
