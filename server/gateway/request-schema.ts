import { z } from "zod";
import { AppError } from "@/server/errors";

// Only what the gateway relies on is checked; every other field passes
// through to vLLM untouched, which validates the rest in its own words.
const contentPart = z.looseObject({ type: z.string() });
const message = z.looseObject({
  role: z.string().min(1),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
});
const tokenLimit = z.int().positive().nullable().optional();
const streamOptions = z
  .looseObject({ include_usage: z.boolean().nullable().optional(), continuous_usage_stats: z.boolean().nullable().optional() })
  .nullable()
  .optional();

const common = {
  model: z.string().min(1).max(256),
  stream: z.boolean().nullable().optional(),
  stream_options: streamOptions,
  max_tokens: tokenLimit,
  n: z.int().min(1).max(64).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().gt(0).max(1).nullable().optional(),
  seed: z.int().nullable().optional(),
};

export const chatRequest = z.looseObject({
  ...common,
  messages: z.array(message).min(1),
  max_completion_tokens: tokenLimit,
});

export const completionRequest = z.looseObject({
  ...common,
  prompt: z.union([z.string(), z.array(z.string()).min(1), z.array(z.int().nonnegative()).min(1), z.array(z.array(z.int().nonnegative()).min(1)).min(1)]),
});

export type ChatRequest = z.infer<typeof chatRequest>;
export type CompletionRequest = z.infer<typeof completionRequest>;
export type Endpoint = "chat.completions" | "completions";

export type ParsedRequest =
  | { endpoint: "chat.completions"; body: ChatRequest }
  | { endpoint: "completions"; body: CompletionRequest };

export function parseRequest(endpoint: Endpoint, raw: Buffer): ParsedRequest {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON", { reason: "invalid_json" });
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new AppError("BAD_REQUEST", "The request body must be a JSON object", { reason: "invalid_request" });
  }
  const schema = endpoint === "chat.completions" ? chatRequest : completionRequest;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const param = issue.path.join(".");
    throw new AppError("BAD_REQUEST", `Invalid value for '${param || "body"}': ${issue.message}`, { reason: "invalid_request", param: param || undefined });
  }
  return { endpoint, body: parsed.data } as ParsedRequest;
}

export const requestedMaxTokens = (p: ParsedRequest): number | null =>
  (p.endpoint === "chat.completions" ? (p.body.max_completion_tokens ?? p.body.max_tokens) : p.body.max_tokens) ?? null;

export const wantsStream = (p: ParsedRequest) => p.body.stream === true;
export const wantsUsageChunk = (p: ParsedRequest) => p.body.stream_options?.include_usage === true;

// A stream as sent to the node: usage is always asked for so that the gateway
// can account exactly; the client gets the usage chunk only if it asked for
// it itself.
export function streamingBody(p: ParsedRequest): string {
  const wanted = p.body.stream_options;
  const continuous = wanted?.include_usage === true && wanted.continuous_usage_stats === true;
  return JSON.stringify({ ...p.body, stream_options: { include_usage: true, continuous_usage_stats: continuous } });
}
