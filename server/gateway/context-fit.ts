import { AppError } from "@/server/errors";
import { countChatPromptTokens, countCompletionPromptTokens } from "@/server/metering/tokens";
import { requestedMaxTokens, type ParsedRequest } from "./request-schema";

// Qwen's default system prompt, inserted by its chat template when the
// conversation does not start with a system message.
const DEFAULT_SYSTEM_BYTES = Buffer.byteLength("You are Qwen, created by Alibaba Cloud. You are a helpful assistant.");
// <|im_start|>, "\n", <|im_end|>, "\n" around every message.
const PER_MESSAGE = 4;
const GENERATION_PROMPT = 3;

const bytes = (text: string) => Buffer.byteLength(text);

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => (typeof part?.text === "string" ? part.text : "")).join("");
}

// Byte-level BPE never makes more tokens than the text has bytes, so this
// bound lets nearly every request skip the tokenizer on the hot path.
export function promptTokenBound(p: ParsedRequest): number {
  if (p.endpoint === "completions") {
    const prompt = p.body.prompt;
    if (typeof prompt === "string") return bytes(prompt);
    if (typeof prompt[0] === "number") return prompt.length;
    return Math.max(...(prompt as (string | number[])[]).map((x) => (typeof x === "string" ? bytes(x) : x.length)));
  }
  const messages = p.body.messages;
  const system = messages[0]?.role === "system" ? 0 : DEFAULT_SYSTEM_BYTES + bytes("system") + PER_MESSAGE;
  return messages.reduce((sum, m) => sum + bytes(m.role) + PER_MESSAGE + bytes(textOf(m.content)), system + GENERATION_PROMPT);
}

export function exactPromptTokens(p: ParsedRequest): number {
  if (p.endpoint === "chat.completions") {
    return countChatPromptTokens(p.body.messages.map((m) => ({ role: m.role, content: textOf(m.content) })));
  }
  const prompt = p.body.prompt;
  if (typeof prompt === "string" || typeof prompt[0] === "string") return countCompletionPromptTokens(prompt as string | string[]);
  if (typeof prompt[0] === "number") return prompt.length;
  return Math.max(...(prompt as number[][]).map((x) => x.length));
}

// Refuses, before any upstream call, a request that vLLM would refuse for its
// length, in vLLM's own words. Returns the exact prompt size when it had to
// count it.
export function checkContextFits(p: ParsedRequest, maxModelLen: number): number | null {
  const maxTokens = requestedMaxTokens(p);
  if (promptTokenBound(p) + (maxTokens ?? 1) <= maxModelLen) return null;
  const prompt = exactPromptTokens(p);
  if (prompt >= maxModelLen || (maxTokens === null && prompt + 1 > maxModelLen)) {
    throw new AppError(
      "BAD_REQUEST",
      `This model's maximum context length is ${maxModelLen} tokens. However, your request has ${prompt} input tokens. Please reduce the length of the input messages.`,
      { reason: "context_length_exceeded", param: p.endpoint === "chat.completions" ? "messages" : "prompt" },
    );
  }
  if (maxTokens !== null && prompt + maxTokens > maxModelLen) {
    throw new AppError(
      "BAD_REQUEST",
      `'max_tokens' or 'max_completion_tokens' is too large: ${maxTokens}. This model's maximum context length is ${maxModelLen} tokens and your request has ${prompt} input tokens (${maxTokens} > ${maxModelLen} - ${prompt}).`,
      { reason: "context_length_exceeded", param: "max_tokens" },
    );
  }
  return prompt;
}
