// What the gateway learns of a response's token usage while relaying it.
export type UpstreamUsage = { promptTokens: number; completionTokens: number; cachedTokens: number };

type UsageJson = {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
  prompt_tokens_details?: { cached_tokens?: unknown } | null;
};

const int = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : null);

export function readUsage(usage: UsageJson | null | undefined): UpstreamUsage | null {
  if (!usage) return null;
  const prompt = int(usage.prompt_tokens);
  const completion = int(usage.completion_tokens);
  if (prompt === null || completion === null) return null;
  return { promptTokens: prompt, completionTokens: completion, cachedTokens: int(usage.prompt_tokens_details?.cached_tokens) ?? 0 };
}

type Choice = { delta?: { content?: unknown; reasoning_content?: unknown }; text?: unknown; message?: { content?: unknown } };

// The generated text of a chunk or a whole response, for estimates when the
// node never reports usage.
export function generatedText(choices: unknown): string {
  if (!Array.isArray(choices)) return "";
  let text = "";
  for (const c of choices as Choice[]) {
    const piece = c.delta?.content ?? c.text ?? c.message?.content;
    if (typeof piece === "string") text += piece;
  }
  return text;
}
