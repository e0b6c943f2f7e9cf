/** From a request body to a CompletionJob: validation, prompt rendering, token counting, replies. */
import { randomUUID } from "node:crypto";
import { renderChatPrompt, replyLanguage, textLanguage, type ChatMessage } from "./chat-template";
import { badRequest, contextOverflowMessage, SimHttpError } from "./errors";
import type { Choice, CompletionJob } from "./job";
import { formatJson, generateJson, type JsonSchema } from "./json-generator";
import {
  chatRequestSchema,
  checkSampling,
  completionRequestSchema,
  messageText,
  parseRequest,
  stopStrings,
  type SamplingFields,
} from "./protocol";
import { createRng, hashString, mixSeeds } from "./rng";
import { applyStopStrings, generateReply, replyFromText, type Reply } from "./text-generator";
import { countTokensAsync, decode } from "./tokenizer";

export interface ServedModel {
  name: string;
  maxModelLen: number;
}

/** vLLM's default when a completions request gives no max_tokens (OpenAI's legacy default). */
const COMPLETIONS_DEFAULT_MAX_TOKENS = 16;

export async function buildChatJob(body: unknown, served: ServedModel): Promise<CompletionJob> {
  const request = parseRequest(chatRequestSchema, body);
  const requestedMax = request.max_completion_tokens ?? request.max_tokens ?? null;
  checkSampling(request, requestedMax);
  checkModel(request.model, served);
  const messages: ChatMessage[] = request.messages.map((m) => ({ role: m.role, content: messageText(m.content) }));
  const prompt = renderChatPrompt(messages);
  const promptTokens = await countTokensAsync(prompt);
  checkContext(served, promptTokens, requestedMax);
  const maxTokens = requestedMax ?? served.maxModelLen - promptTokens;
  const replies = makeReplies(request, prompt, replyLanguage(messages), maxTokens, request.n ?? 1);
  return job("chat", request, served, promptTokens, replies.map((reply, index) => ({ index, promptTokens, reply })));
}

export async function buildCompletionJob(body: unknown, served: ServedModel): Promise<CompletionJob> {
  const request = parseRequest(completionRequestSchema, body);
  const maxTokens = request.max_tokens ?? COMPLETIONS_DEFAULT_MAX_TOKENS;
  checkSampling(request, maxTokens);
  checkModel(request.model, served);
  const n = request.n ?? 1;
  const choices: Choice[] = [];
  let totalPromptTokens = 0;
  for (const prompt of promptList(request.prompt)) {
    const text = typeof prompt === "string" ? prompt : decode(prompt);
    const promptTokens = typeof prompt === "string" ? await countTokensAsync(prompt) : prompt.length;
    checkContext(served, promptTokens, maxTokens);
    totalPromptTokens += promptTokens;
    for (const reply of makeReplies(request, text, textLanguage(text), maxTokens, n)) {
      choices.push({ index: choices.length, promptTokens, reply });
    }
  }
  return job("completion", request, served, totalPromptTokens, choices);
}

function promptList(prompt: string | string[] | number[] | number[][]): (string | number[])[] {
  if (typeof prompt === "string") return [prompt];
  if (prompt.every((p): p is number => typeof p === "number")) return [prompt];
  return prompt as (string | number[])[];
}

function checkModel(model: string | null | undefined, served: ServedModel): void {
  if (model != null && model !== served.name) {
    throw new SimHttpError(404, `The model \`${model}\` does not exist.`, "model");
  }
}

function checkContext(served: ServedModel, promptTokens: number, maxTokens: number | null): void {
  const overflow = contextOverflowMessage(served.maxModelLen, promptTokens, maxTokens);
  if (overflow) throw badRequest(overflow);
}

/**
 * Greedy decoding (temperature 0) depends on the prompt only; a seed makes sampling
 * repeatable for the same prompt; otherwise every request differs.
 */
function makeReplies(
  request: SamplingFields,
  prompt: string,
  language: "en" | "zh",
  maxTokens: number,
  n: number,
): Reply[] {
  const greedy = request.temperature === 0;
  const promptHash = hashString(prompt);
  const base = greedy
    ? promptHash
    : request.seed != null
      ? mixSeeds(promptHash, request.seed)
      : Math.floor(Math.random() * 2 ** 32);
  const stops = stopStrings(request.stop);
  const format = request.response_format;
  const replies: Reply[] = [];
  for (let i = 0; i < n; i++) {
    const rng = createRng(greedy ? base : mixSeeds(base, i));
    let reply: Reply;
    if (format?.type === "json_schema" || format?.type === "json_object") {
      const schema = (format.json_schema?.schema ?? {}) as JsonSchema;
      reply = replyFromText(formatJson(generateJson(schema, rng, language)), maxTokens);
    } else {
      reply = generateReply(language, rng, {
        maxTokens,
        minTokens: request.min_tokens ?? 0,
        ignoreEos: request.ignore_eos ?? false,
      });
    }
    replies.push(applyStopStrings(reply, stops));
  }
  return replies;
}

function job(
  kind: "chat" | "completion",
  request: SamplingFields,
  served: ServedModel,
  promptTokens: number,
  choices: Choice[],
): CompletionJob {
  const stream = request.stream ?? false;
  return {
    kind,
    id: `${kind === "chat" ? "chatcmpl" : "cmpl"}-${randomUUID().replaceAll("-", "")}`,
    created: Math.floor(Date.now() / 1000),
    model: served.name,
    stream,
    includeUsage: stream && (request.stream_options?.include_usage ?? false),
    continuousUsage: stream && (request.stream_options?.include_usage ?? false) && (request.stream_options?.continuous_usage_stats ?? false),
    promptTokens,
    choices,
  };
}

