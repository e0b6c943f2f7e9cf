import { Agent, request, type Dispatcher } from "undici";

// One connection pool per process for all nodes: keep-alive connections are
// what keeps the added latency in the tens of microseconds.
const agent = new Agent({
  connections: 512,
  keepAliveTimeout: 30_000,
  connect: { timeout: 2_000 },
  headersTimeout: 120_000,
  bodyTimeout: 300_000,
});

export type UpstreamResponse = Dispatcher.ResponseData;

export function postUpstream(baseUrl: string, path: string, body: string | Buffer, requestId: string, signal: AbortSignal): Promise<UpstreamResponse> {
  return request(`${baseUrl}${path}`, {
    method: "POST",
    dispatcher: agent,
    signal,
    // An allowlist: nothing of the caller's (above all its Authorization)
    // reaches the node.
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "x-request-id": requestId },
    body,
  });
}

// Failures that happened before the node produced a response: the request
// can go to another node.
export function isConnectFailure(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? "";
  return ["ECONNREFUSED", "ECONNRESET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_SOCKET", "EHOSTUNREACH", "ENOTFOUND", "UND_ERR_HEADERS_TIMEOUT", "EPIPE"].includes(code);
}

export async function closeUpstreams(): Promise<void> {
  await agent.close();
}
