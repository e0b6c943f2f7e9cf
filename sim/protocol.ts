/**
 * Request bodies of vLLM's /v1/chat/completions and /v1/completions. Unknown fields are
 * accepted (vLLM only logs them); ranges are checked afterwards with vLLM's own wording.
 */
import { z } from "zod";
import { badRequest } from "./errors";

const int = z.number().int();

const sampling = {
  model: z.string().nullish(),
  max_tokens: int.nullish(),
  n: int.nullish(),
  stream: z.boolean().nullish(),
  stream_options: z
    .looseObject({ include_usage: z.boolean().nullish(), continuous_usage_stats: z.boolean().nullish() })
    .nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  seed: int.nullish(),
  presence_penalty: z.number().nullish(),
  frequency_penalty: z.number().nullish(),
  response_format: z
    .looseObject({
      type: z.enum(["text", "json_object", "json_schema"]),
      json_schema: z
        .looseObject({ name: z.string().nullish(), schema: z.record(z.string(), z.unknown()).nullish() })
        .nullish(),
    })
    .nullish(),
  ignore_eos: z.boolean().nullish(),
  min_tokens: int.nullish(),
};

const contentPart = z.looseObject({ type: z.string(), text: z.string().nullish() });

const message = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.array(contentPart)]).nullish(),
});

export const chatRequestSchema = z.looseObject({
  ...sampling,
  messages: z.array(message),
  max_completion_tokens: int.nullish(),
});

export const completionRequestSchema = z.looseObject({
  ...sampling,
  prompt: z.union([z.string(), z.array(z.string()).min(1), z.array(int).min(1), z.array(z.array(int).min(1)).min(1)]),
});

export type SamplingFields = Pick<z.output<typeof chatRequestSchema>, keyof typeof sampling>;

/** Pydantic-style summary of the first problems, as vLLM reports request validation errors. */
export function parseRequest<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 3).map((issue) => {
    const loc = ["body", ...issue.path.map(String)].map((p) => `'${p}'`).join(", ");
    return `{'type': '${issue.code}', 'loc': (${loc}), 'msg': '${issue.message}'}`;
  });
  throw badRequest(`[${issues.join(", ")}]`);
}

/** vLLM's SamplingParams checks, in its order and words. */
export function checkSampling(request: SamplingFields, maxTokens: number | null): void {
  if (request.stream_options && !request.stream) {
    throw badRequest("Stream options can only be defined when `stream=True`.");
  }
  const n = request.n ?? 1;
  if (n < 1) throw badRequest(`n must be at least 1, got ${n}.`, "n");
  for (const key of ["presence_penalty", "frequency_penalty"] as const) {
    const value = request[key];
    if (value != null && (value < -2 || value > 2)) throw badRequest(`${key} must be in [-2, 2], got ${value}.`, key);
  }
  if (request.temperature != null && request.temperature < 0) {
    throw badRequest(`temperature must be non-negative, got ${request.temperature}.`, "temperature");
  }
  if (request.top_p != null && (request.top_p <= 0 || request.top_p > 1)) {
    throw badRequest(`top_p must be in (0, 1], got ${request.top_p}.`, "top_p");
  }
  if (maxTokens !== null && maxTokens < 1) {
    throw badRequest(`max_tokens must be at least 1, got ${maxTokens}.`, "max_tokens");
  }
  const minTokens = request.min_tokens ?? 0;
  if (minTokens < 0) throw badRequest(`min_tokens must be greater than or equal to 0, got ${minTokens}.`, "min_tokens");
  if (maxTokens !== null && minTokens > maxTokens) {
    throw badRequest(`min_tokens must be less than or equal to max_tokens=${maxTokens}, got ${minTokens}.`, "min_tokens");
  }
  const format = request.response_format;
  if (format?.type === "json_schema" && !format.json_schema?.schema) {
    throw badRequest("response_format.json_schema.schema is required when type is json_schema.", "response_format");
  }
}

export function stopStrings(stop: string | string[] | null | undefined): string[] {
  if (stop == null) return [];
  return typeof stop === "string" ? [stop] : stop;
}

/** vLLM joins the text parts of a message with newlines; a text-only model refuses the rest. */
export function messageText(content: z.output<typeof message>["content"]): string {
  if (content == null) return "";
  if (typeof content === "string") return content;
  const texts: string[] = [];
  for (const part of content) {
    if (part.type !== "text") throw badRequest(`Unsupported content part type: ${part.type} (the model is text-only).`);
    texts.push(part.text ?? "");
  }
  return texts.join("\n");
}
