import type { ServerResponse } from "node:http";
import { settle } from "./accounting";
import type { Dispatched } from "./dispatch";
import type { Exchange, GatewayDeps } from "./types";
import { generatedText, readUsage } from "./usage-capture";

const JSON_HEADERS = { "content-type": "application/json" };

// A non-streamed answer is small: read it whole, learn its usage, account
// for it, then hand the node's bytes to the client unchanged.
export async function relayJson(deps: GatewayDeps, exchange: Exchange, dispatched: Dispatched, res: ServerResponse): Promise<void> {
  const { response, node } = dispatched;
  const body = Buffer.from(await response.body.arrayBuffer());
  let parsed: { usage?: unknown; choices?: unknown } | null = null;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    parsed = null;
  }
  const ok = response.statusCode < 400;
  if (ok) deps.pool.reportSuccess(node.id);
  exchange.firstByteAt = performance.now();
  settle(deps.recorder, exchange, {
    status: ok ? "ok" : "rejected",
    httpStatus: response.statusCode,
    usage: ok ? readUsage(parsed?.usage as never) : null,
    generated: ok ? generatedText(parsed?.choices) : "",
    worked: ok,
  });
  res.writeHead(response.statusCode, { ...JSON_HEADERS, "content-length": body.length, "x-request-id": exchange.requestId });
  res.end(body);
}
