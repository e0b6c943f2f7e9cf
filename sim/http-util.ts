/** Small helpers for the plain node:http server. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorJson } from "./errors";

/** Enough for a full 32k-token context with room to spare; larger bodies are refused. */
const MAX_BODY_BYTES = 16 * 2 ** 20;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString("utf8") : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" }).end(body);
}

export function sendError(res: ServerResponse, status: number, message: string, param: string | null = null): void {
  sendJson(res, status, errorJson(status, message, param));
}

/** JSON bodies that fail to parse get FastAPI's validation-style 400, as vLLM does. */
export function parseJsonBody(raw: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `[{'type': 'json_invalid', 'loc': ('body', 0), 'msg': 'JSON decode error', 'ctx': {'error': '${detail}'}}]` };
  }
}
