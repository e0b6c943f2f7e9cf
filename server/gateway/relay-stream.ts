import { once } from "node:events";
import type { ServerResponse } from "node:http";
import { logger } from "@/server/logger";
import { settle, type Settlement } from "./accounting";
import type { Dispatched } from "./dispatch";
import { wantsUsageChunk } from "./request-schema";
import { eventData, SseSplitter } from "./sse";
import type { Exchange, GatewayDeps } from "./types";
import { generatedText, readUsage, type UpstreamUsage } from "./usage-capture";

const SSE_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" };
const LOST = JSON.stringify({ error: { message: "The model server stopped the stream unexpectedly", type: "server_error", param: null, code: 502 } });

// Decides what of one upstream event the client gets, learning usage and
// generated text on the way.
function filterEvent(event: string, state: StreamState, clientWantsUsage: boolean): string | null {
  const data = eventData(event);
  if (data === null) return event;
  if (data === "[DONE]") {
    state.done = true;
    return null;
  }
  let chunk: { choices?: unknown; usage?: unknown; error?: unknown };
  try {
    chunk = JSON.parse(data);
  } catch {
    return event;
  }
  if (chunk.error) state.upstreamError = true;
  const usage = readUsage(chunk.usage as never);
  if (usage) state.usage = usage;
  state.generated += generatedText(chunk.choices);
  // The usage-only chunk exists because the gateway asked for it.
  const usageOnly = Array.isArray(chunk.choices) && chunk.choices.length === 0 && usage !== null;
  return usageOnly && !clientWantsUsage ? null : event;
}

export type StreamState = { usage: UpstreamUsage | null; generated: string; done: boolean; upstreamError: boolean };

// The node's stream as the client should see it, one batch of whole events
// per network read. Fills `state` as it goes; throws when the node's
// connection breaks or the request is aborted.
export async function* clientEvents(dispatched: Dispatched, state: StreamState, clientWantsUsage: boolean): AsyncGenerator<string[]> {
  const splitter = new SseSplitter();
  dispatched.response.body.setEncoding("utf8");
  for await (const piece of dispatched.response.body as AsyncIterable<string>) {
    const out = splitter.push(piece).map((e) => filterEvent(e, state, clientWantsUsage)).filter((e): e is string => e !== null);
    if (out.length > 0) yield out;
  }
}

export function streamSettlement(state: StreamState, cancelled: boolean): Settlement {
  return {
    status: cancelled ? "client_cancelled" : state.done && !state.upstreamError ? "ok" : "upstream_error",
    httpStatus: 200,
    usage: state.usage,
    generated: state.generated,
    worked: true,
  };
}

export const newStreamState = (): StreamState => ({ usage: null, generated: "", done: false, upstreamError: false });

export async function relayStream(deps: GatewayDeps, exchange: Exchange, dispatched: Dispatched, res: ServerResponse, clientGone: () => boolean): Promise<void> {
  const state = newStreamState();
  res.writeHead(200, { ...SSE_HEADERS, "x-request-id": exchange.requestId });
  let failure: unknown = null;
  try {
    for await (const events of clientEvents(dispatched, state, wantsUsageChunk(exchange.parsed))) {
      exchange.firstByteAt ??= performance.now();
      if (!res.write(`${events.join("\n\n")}\n\n`)) await once(res, "drain");
    }
  } catch (error) {
    failure = error;
  }
  const cancelled = clientGone();
  const settlement = streamSettlement(state, cancelled);
  if (settlement.status === "ok") deps.pool.reportSuccess(dispatched.node.id);
  else if (!cancelled) logger.warn({ requestId: exchange.requestId, node: dispatched.node.name, err: failure }, "stream ended abnormally");
  // Accounted before the last bytes leave, so a client that saw [DONE] can
  // count on its usage being on record.
  settle(deps.recorder, exchange, settlement);
  if (cancelled) return;
  res.end(state.done ? "data: [DONE]\n\n" : `data: ${LOST}\n\n`);
}
