import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { keyAllows } from "@/server/auth/api-keys";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { QuotaRefusal } from "@/server/quota";
import { admit, settle } from "./accounting";
import { authenticate } from "./authenticate";
import { readBody } from "./body";
import { openExchange } from "./exchange";
import { dispatch } from "./dispatch";
import { sendJson, sendOpenAIError, toOpenAIError } from "./openai-error";
import { observeRefusal } from "./metrics";
import { relayJson } from "./relay-json";
import { relayStream } from "./relay-stream";
import { parseRequest, streamingBody, wantsStream, type Endpoint, type ParsedRequest } from "./request-schema";
import type { Caller, GatewayDeps } from "./types";

const ROUTES: Record<string, Endpoint> = { "/v1/chat/completions": "chat.completions", "/v1/completions": "completions" };
const CREATED = Math.floor(Date.now() / 1000);

// A non-streamed request goes to the node byte for byte.
const upstreamBody = (parsed: ParsedRequest, raw: Buffer): string | Buffer => (wantsStream(parsed) ? streamingBody(parsed) : raw);

async function completion(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse, endpoint: Endpoint, requestId: string, t0: number) {
  const principal = await authenticate(req, deps.keys);
  const caller: Caller = { tenantId: principal.tenantId, departmentId: principal.departmentId, userId: principal.userId, apiKeyId: principal.keyId, source: "api" };
  const raw = await readBody(req, deps.bodyLimit);
  const parsed = parseRequest(endpoint, raw);
  if (!keyAllows(principal, endpoint, parsed.body.model)) {
    throw new AppError("FORBIDDEN", "This API key may not use this endpoint or model", { reason: "permission_denied" });
  }
  // Invalid requests end here, before they count as usage.
  const { exchange, maxModelLen } = openExchange(deps.pool, requestId, caller, parsed, t0);
  // Quotas and rate limits: refused here, before any upstream call, and not usage.
  const quotaHeaders = await admit(deps, exchange, maxModelLen);
  for (const [name, value] of Object.entries(quotaHeaders)) res.setHeader(name, value);
  // Accepted from here on: exactly one usage event, however it ends.
  const controller = new AbortController();
  let finished = false;
  res.on("close", () => {
    if (!finished) controller.abort();
  });
  if (res.destroyed) controller.abort();
  try {
    exchange.dispatchedAt = performance.now();
    const path = endpoint === "chat.completions" ? "/v1/chat/completions" : "/v1/completions";
    const dispatched = await dispatch(deps.pool, parsed.body.model, path, upstreamBody(parsed, raw), requestId, controller.signal);
    exchange.node = dispatched.node;
    try {
      if (wantsStream(parsed) && dispatched.response.statusCode === 200) {
        await relayStream(deps, exchange, dispatched, res, () => controller.signal.aborted);
      } else {
        await relayJson(deps, exchange, dispatched, res);
      }
    } finally {
      dispatched.release();
    }
  } catch (error) {
    if (controller.signal.aborted) {
      settle(deps.recorder, exchange, { status: "client_cancelled", httpStatus: 499, usage: null, generated: "", worked: exchange.node !== null });
      return;
    }
    const status = error instanceof AppError && error.code === "UNAVAILABLE" ? "upstream_error" : "rejected";
    const httpStatus = toOpenAIError(error).status;
    settle(deps.recorder, exchange, { status, httpStatus, usage: null, generated: "", worked: false });
    throw error;
  } finally {
    finished = true;
  }
}

async function models(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse) {
  const principal = await authenticate(req, deps.keys);
  const served = deps.pool.models().filter((m) => principal.models.length === 0 || principal.models.includes(m.id));
  sendJson(res, 200, {
    object: "list",
    data: served.map((m) => ({ id: m.id, object: "model", created: CREATED, owned_by: "inference-cost-portal", root: m.id, max_model_len: m.maxModelLen })),
  });
}

// The data plane: a plain node:http handler, never routed through Next.
export function createGatewayHandler(deps: GatewayDeps) {
  return async function handleGateway(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const t0 = performance.now();
    const requestId = randomUUID();
    res.setHeader("x-request-id", requestId);
    const path = (req.url ?? "/").split("?", 1)[0]!;
    try {
      const endpoint = ROUTES[path];
      if (endpoint && req.method === "POST") return await completion(deps, req, res, endpoint, requestId, t0);
      if (path === "/v1/models" && req.method === "GET") return await models(deps, req, res);
      throw new AppError("NOT_FOUND", `Unknown endpoint: ${req.method} ${path}`, { reason: "unknown_url" });
    } catch (error) {
      if (error instanceof AppError) observeRefusal(error.details.reason ?? error.code);
      else logger.error({ err: error, requestId, path }, "gateway request failed");
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      if (error instanceof QuotaRefusal) sendJson(res, 429, error.body(), error.headers);
      else sendOpenAIError(res, error);
    }
  };
}
