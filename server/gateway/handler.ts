import type { IncomingMessage, ServerResponse } from "node:http";
import { listServedModels } from "@/server/cluster";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { sendJson, sendOpenAIError } from "./openai-error";

const CREATED = Math.floor(Date.now() / 1000);

async function models(res: ServerResponse): Promise<void> {
  const served = await listServedModels();
  sendJson(res, 200, {
    object: "list",
    data: served.map((m) => ({ id: m.id, object: "model", created: CREATED, owned_by: "inference-cost-portal", max_model_len: m.maxModelLen })),
  });
}

// The data plane: a plain node:http handler, never routed through Next.
export async function handleGateway(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").split("?", 1)[0];
  try {
    if (path === "/v1/models" && req.method === "GET") return await models(res);
    throw new AppError("NOT_FOUND", `Unknown endpoint: ${req.method} ${path}`);
  } catch (error) {
    if (!(error instanceof AppError)) logger.error({ err: error, path }, "gateway request failed");
    sendOpenAIError(res, error);
  }
}
