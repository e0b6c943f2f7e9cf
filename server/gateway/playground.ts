import { randomUUID } from "node:crypto";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { admit, settle } from "./accounting";
import { openExchange } from "./exchange";
import { dispatch } from "./dispatch";
import { clientEvents, newStreamState, streamSettlement } from "./relay-stream";
import { chatRequest, streamingBody, type ParsedRequest } from "./request-schema";
import { getGatewayRuntime } from "./runtime";
import { eventData } from "./sse";
import type { Exchange, GatewayDeps } from "./types";
import { generatedText } from "./usage-capture";

export type PlaygroundInput = {
  model: string;
  system: string | null;
  messages: { role: "user" | "assistant"; content: string }[];
  temperature: number;
  maxTokens: number;
  json: boolean;
};

export type PlaygroundEvent =
  | { type: "start"; requestId: string; node: string }
  | { type: "delta"; text: string }
  | { type: "done"; requestId: string; promptTokens: number; completionTokens: number; estimated: boolean; ttftMs: number | null; totalMs: number; status: string };

function upstreamMessage(body: string): string {
  try {
    const message = JSON.parse(body)?.error?.message;
    if (typeof message === "string") return message;
  } catch {
    // Not vLLM's JSON error body; fall through to a generic message.
  }
  return "The model server refused the request";
}

async function homeDepartment(userId: string, tenantId: string): Promise<string> {
  const membership = await getDb().membership.findUnique({ where: { tenantId_userId: { tenantId, userId } }, select: { homeDepartmentId: true } });
  if (!membership?.homeDepartmentId) {
    throw new AppError("BAD_REQUEST", "You have no home department to bill the playground to; ask an administrator to assign one", { reason: "no_department" });
  }
  return membership.homeDepartmentId;
}

function toRequest(input: PlaygroundInput): ParsedRequest {
  const messages = [...(input.system ? [{ role: "system", content: input.system }] : []), ...input.messages];
  const body = chatRequest.parse({
    model: input.model,
    messages,
    stream: true,
    temperature: input.temperature,
    max_tokens: input.maxTokens,
    ...(input.json ? { response_format: { type: "json_object" } } : {}),
  });
  return { endpoint: "chat.completions", body };
}

// The portal's chat page: the same routing, accounting and metering as the
// /v1 endpoint, billed to the member and their home department. Everything
// that can refuse the request (validation, quotas) runs before the stream is
// returned, so that a refusal is an ordinary error of the call.
export async function playgroundChat(userId: string, tenantId: string, input: PlaygroundInput, signal: AbortSignal | undefined): Promise<AsyncGenerator<PlaygroundEvent>> {
  const runtime = getGatewayRuntime();
  if (!runtime) throw new AppError("UNAVAILABLE", "The gateway is not running in this process", { reason: "gateway_unavailable" });
  const departmentId = await homeDepartment(userId, tenantId);
  const parsed = toRequest(input);
  const t0 = performance.now();
  const caller = { tenantId, departmentId, userId, apiKeyId: null, source: "playground" as const };
  const { exchange, maxModelLen } = openExchange(runtime.pool, randomUUID(), caller, parsed, t0);
  exchange.dispatchedAt = t0;
  // Refused here (a 429 the playground shows) before any upstream call.
  await admit(runtime, exchange, maxModelLen);
  return relay(runtime, exchange, input, signal);
}

async function* relay(runtime: GatewayDeps, exchange: Exchange, input: PlaygroundInput, signal: AbortSignal | undefined): AsyncGenerator<PlaygroundEvent> {
  const { requestId, parsed } = exchange;
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal?.addEventListener("abort", abort);
  const state = newStreamState();
  try {
    const dispatched = await dispatch(runtime.pool, input.model, "/v1/chat/completions", streamingBody(parsed), requestId, controller.signal).catch((error: unknown) => {
      settle(runtime.recorder, exchange, { status: "upstream_error", httpStatus: 503, usage: null, generated: "", worked: false });
      throw error;
    });
    exchange.node = dispatched.node;
    try {
      if (dispatched.response.statusCode !== 200) {
        const text = await dispatched.response.body.text();
        settle(runtime.recorder, exchange, { status: "rejected", httpStatus: dispatched.response.statusCode, usage: null, generated: "", worked: false });
        throw new AppError("BAD_REQUEST", upstreamMessage(text), { reason: "upstream_rejected" });
      }
      let settled = false;
      try {
        yield { type: "start", requestId, node: dispatched.node.name };
        try {
          for await (const events of clientEvents(dispatched, state, false)) {
            exchange.firstByteAt ??= performance.now();
            const text = events.map((e) => generatedText(JSON.parse(eventData(e) ?? "{}").choices)).join("");
            if (text) yield { type: "delta", text };
          }
        } catch {
          // Ended by the node or by the member pressing stop: accounted below.
        }
        const event = settle(runtime.recorder, exchange, streamSettlement(state, controller.signal.aborted));
        settled = true;
        if (event.status === "ok") runtime.pool.reportSuccess(dispatched.node.id);
        yield {
          type: "done",
          requestId,
          promptTokens: event.promptTokens,
          completionTokens: event.completionTokens,
          estimated: event.tokenSource === "estimated",
          ttftMs: event.ttftMs,
          totalMs: event.totalMs,
          status: event.status,
        };
      } finally {
        // The consumer stopped reading mid-answer: the node stops too, and
        // what it produced so far is still accounted.
        if (!settled) {
          controller.abort();
          settle(runtime.recorder, exchange, streamSettlement(state, true));
        }
      }
    } finally {
      dispatched.release();
    }
  } finally {
    signal?.removeEventListener("abort", abort);
  }
}
