import type { IncomingMessage } from "node:http";
import { AppError } from "@/server/errors";

export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

const tooLarge = (limit: number) =>
  new AppError("PAYLOAD_TOO_LARGE", `Request body exceeds the limit of ${limit} bytes`, { reason: "request_too_large" });

// Refuses an oversized body before reading it when the client declares its
// length, and stops reading as soon as a chunked one goes over.
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? -1);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on("error", reject);
  });
}
