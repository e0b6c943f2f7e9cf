/** vLLM's response bodies and SSE chunks, field for field. */
import type { Choice, CompletionJob } from "./job";
import { replyText, type FinishReason } from "./text-generator";

export interface Usage {
  prompt_tokens: number;
  total_tokens: number;
  completion_tokens: number;
  prompt_tokens_details: null;
}

function usageOf(promptTokens: number, completionTokens: number): Usage {
  return {
    prompt_tokens: promptTokens,
    total_tokens: promptTokens + completionTokens,
    completion_tokens: completionTokens,
    prompt_tokens_details: null,
  };
}

function completionTokensOf(job: CompletionJob): number {
  return job.choices.reduce((sum, c) => sum + c.reply.completionTokens, 0);
}

export function responseBody(job: CompletionJob, includeUsage: boolean): object {
  const usage = includeUsage ? usageOf(job.promptTokens, completionTokensOf(job)) : undefined;
  if (job.kind === "chat") {
    return {
      id: job.id,
      object: "chat.completion",
      created: job.created,
      model: job.model,
      choices: job.choices.map((choice) => ({
        index: choice.index,
        message: {
          role: "assistant",
          content: replyText(choice.reply),
          refusal: null,
          annotations: null,
          audio: null,
          function_call: null,
          tool_calls: [],
          reasoning_content: null,
        },
        logprobs: null,
        finish_reason: choice.reply.finishReason,
        stop_reason: choice.reply.stopReason,
      })),
      service_tier: null,
      system_fingerprint: null,
      usage,
      prompt_logprobs: null,
      kv_transfer_params: null,
    };
  }
  return {
    id: job.id,
    object: "text_completion",
    created: job.created,
    model: job.model,
    choices: job.choices.map((choice) => ({
      index: choice.index,
      text: replyText(choice.reply),
      logprobs: null,
      finish_reason: choice.reply.finishReason,
      stop_reason: choice.reply.stopReason,
      prompt_logprobs: null,
    })),
    usage,
    kv_transfer_params: null,
  };
}

/** Builds `data: ...` lines; the per-request head is serialised once. */
export class SseFormatter {
  private readonly head: string;

  constructor(private readonly job: CompletionJob) {
    const object = job.kind === "chat" ? "chat.completion.chunk" : "text_completion";
    this.head = `{"id":${JSON.stringify(job.id)},"object":"${object}","created":${job.created},"model":${JSON.stringify(job.model)}`;
  }

  /** vLLM opens a chat stream with one role delta per choice. */
  roleChunks(): string {
    if (this.job.kind !== "chat") return "";
    let out = "";
    for (const choice of this.job.choices) {
      out += this.line(
        `[{"index":${choice.index},"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]`,
        this.job.continuousUsage ? usageOf(choice.promptTokens, 0) : null,
      );
    }
    return out;
  }

  delta(choice: Choice, text: string, emitted: number, finish: FinishReason | null): string {
    const tail =
      finish === null
        ? `"finish_reason":null`
        : `"finish_reason":"${finish}","stop_reason":${JSON.stringify(choice.reply.stopReason)}`;
    const body =
      this.job.kind === "chat"
        ? `[{"index":${choice.index},"delta":{"content":${JSON.stringify(text)}},"logprobs":null,${tail}}]`
        : `[{"index":${choice.index},"text":${JSON.stringify(text)},"logprobs":null,${finish === null ? `"finish_reason":null,"stop_reason":null` : tail}}]`;
    return this.line(body, this.job.continuousUsage ? usageOf(choice.promptTokens, emitted) : null);
  }

  usageChunk(completionTokens: number): string {
    return this.line("[]", usageOf(this.job.promptTokens, completionTokens));
  }

  private line(choices: string, usage: Usage | null): string {
    const usagePart = usage === null ? "" : `,"usage":${JSON.stringify(usage)}`;
    return `data: ${this.head},"choices":${choices}${usagePart}}\n\n`;
  }
}

export const DONE_LINE = "data: [DONE]\n\n";

export function streamErrorLine(status: number, message: string, type: string): string {
  return `data: ${JSON.stringify({ error: { message, type, param: null, code: status } })}\n\n`;
}
