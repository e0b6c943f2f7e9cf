/** A validated request, turned into the replies the simulated model will produce. */
import type { Reply } from "./text-generator";

export interface Choice {
  index: number;
  promptTokens: number;
  reply: Reply;
}

export interface CompletionJob {
  kind: "chat" | "completion";
  id: string;
  created: number;
  model: string;
  stream: boolean;
  includeUsage: boolean;
  continuousUsage: boolean;
  /** What `usage.prompt_tokens` reports: every prompt counted once. */
  promptTokens: number;
  choices: Choice[];
}
