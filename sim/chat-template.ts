/** Qwen2.5's chat template (plain ChatML), rendered exactly as vLLM's tokenizer would. */

const DEFAULT_SYSTEM_PROMPT = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";

export interface ChatMessage {
  role: string;
  content: string;
}

export function renderChatPrompt(messages: readonly ChatMessage[], addGenerationPrompt = true): string {
  let prompt = "";
  if (messages[0]?.role !== "system") {
    prompt += `<|im_start|>system\n${DEFAULT_SYSTEM_PROMPT}<|im_end|>\n`;
  }
  for (const message of messages) {
    prompt += `<|im_start|>${message.role}\n${message.content}<|im_end|>\n`;
  }
  if (addGenerationPrompt) prompt += "<|im_start|>assistant\n";
  return prompt;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Qwen answers in the language it was spoken to; the last user turn decides. */
export function replyLanguage(messages: readonly ChatMessage[]): "zh" | "en" {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === "user") return CJK.test(message.content) ? "zh" : "en";
  }
  return "en";
}

export function textLanguage(text: string): "zh" | "en" {
  return CJK.test(text) ? "zh" : "en";
}
