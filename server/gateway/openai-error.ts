import type { ServerResponse } from "node:http";
import { AppError, type AppErrorCode } from "@/server/errors";

// OpenAI's error body: clients and SDKs read type and code from it.
export type OpenAIErrorBody = { error: { message: string; type: string; param: string | null; code: string | null } };

const STATUS: Record<AppErrorCode, { status: number; type: string; code: string | null }> = {
  BAD_REQUEST: { status: 400, type: "invalid_request_error", code: null },
  UNAUTHORIZED: { status: 401, type: "invalid_request_error", code: "invalid_api_key" },
  FORBIDDEN: { status: 403, type: "invalid_request_error", code: "permission_denied" },
  NOT_FOUND: { status: 404, type: "invalid_request_error", code: "not_found" },
  CONFLICT: { status: 409, type: "invalid_request_error", code: null },
  TOO_MANY_REQUESTS: { status: 429, type: "rate_limit_error", code: "rate_limit_exceeded" },
  PAYLOAD_TOO_LARGE: { status: 413, type: "invalid_request_error", code: "request_too_large" },
  UNAVAILABLE: { status: 503, type: "server_error", code: "service_unavailable" },
};

export function toOpenAIError(error: unknown): { status: number; body: OpenAIErrorBody } {
  if (error instanceof AppError) {
    const s = STATUS[error.code];
    const { reason, param } = error.details;
    return { status: s.status, body: { error: { message: error.message, type: s.type, param: param ?? null, code: reason ?? s.code } } };
  }
  return { status: 500, body: { error: { message: "Internal server error", type: "server_error", param: null, code: null } } };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

export function sendOpenAIError(res: ServerResponse, error: unknown, headers: Record<string, string> = {}): void {
  const { status, body } = toOpenAIError(error);
  sendJson(res, status, body, headers);
}
