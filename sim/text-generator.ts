/**
 * Plausible replies built from pre-tokenized sentences. Every piece is one Qwen token
 * (or the few tokens of one character), so completion_tokens is the number of tokens
 * actually emitted, and re-tokenizing the emitted text gives the same count.
 */
import { CHINESE_OPENINGS, CHINESE_SENTENCES, ENGLISH_OPENINGS, ENGLISH_SENTENCES } from "./corpus";
import { pickIndex, type Rng } from "./rng";
import { decodeToPieces, encode } from "./tokenizer";

export interface Piece {
  text: string;
  tokens: number;
}

export type FinishReason = "stop" | "length";

export interface Reply {
  pieces: Piece[];
  completionTokens: number;
  finishReason: FinishReason;
  /** The stop string that ended the reply (vLLM's `stop_reason`), if any. */
  stopReason: string | null;
}

interface LanguageUnits {
  openings: Piece[][];
  /** Sentence continuing the paragraph: ". Next sentence" / "。下一句". */
  nextSentence: Piece[][];
  /** Sentence opening a new paragraph: ".\n\nNext sentence". */
  nextParagraph: Piece[][];
  end: Piece[];
}

function unit(text: string): Piece[] {
  return decodeToPieces(encode(text));
}

function buildUnits(openings: string[], sentences: string[], stop: string, sentenceJoin: string): LanguageUnits {
  return {
    openings: openings.map(unit),
    nextSentence: sentences.map((s) => unit(`${stop}${sentenceJoin}${s}`)),
    nextParagraph: sentences.map((s) => unit(`${stop}\n\n${s}`)),
    end: unit(stop),
  };
}

let units: { en: LanguageUnits; zh: LanguageUnits } | undefined;

/** Tokenizes the corpus once (a few ms); call at start-up to keep it off the first request. */
export function replyUnits(): { en: LanguageUnits; zh: LanguageUnits } {
  units ??= {
    en: buildUnits(ENGLISH_OPENINGS, ENGLISH_SENTENCES, ".", " "),
    zh: buildUnits(CHINESE_OPENINGS, CHINESE_SENTENCES, "。", ""),
  };
  return units;
}

export interface ReplyLimits {
  maxTokens: number;
  minTokens: number;
  ignoreEos: boolean;
}

/** How long the model "wants" to talk: short answers are common, long ones possible. */
function naturalLength(rng: Rng): number {
  const r = rng();
  return 16 + Math.floor(r * r * 400);
}

export function generateReply(language: "en" | "zh", rng: Rng, limits: ReplyLimits): Reply {
  const lang = replyUnits()[language];
  const wanted = limits.ignoreEos ? Number.POSITIVE_INFINITY : Math.max(naturalLength(rng), limits.minTokens);
  const order = shuffledIndexes(lang.nextSentence.length, rng);
  const pieces: Piece[] = [];
  let tokens = 0;
  const add = (parts: Piece[]): boolean => {
    for (const piece of parts) {
      if (tokens + piece.tokens > limits.maxTokens) return false;
      pieces.push(piece);
      tokens += piece.tokens;
    }
    return true;
  };
  const opening = lang.openings[pickIndex(rng, lang.openings.length)] ?? [];
  let fits = add(opening);
  let sentenceInParagraph = 0;
  for (let i = 0; fits && tokens < wanted; i++) {
    const sentence = order[i % order.length] ?? 0;
    const newParagraph = sentenceInParagraph >= 3 && rng() < 0.5;
    sentenceInParagraph = newParagraph ? 0 : sentenceInParagraph + 1;
    fits = add((newParagraph ? lang.nextParagraph : lang.nextSentence)[sentence] ?? []);
  }
  if (fits) fits = add(lang.end);
  return { pieces, completionTokens: tokens, finishReason: fits ? "stop" : "length", stopReason: null };
}

function shuffledIndexes(length: number, rng: Rng): number[] {
  const order = Array.from({ length }, (_, i) => i);
  for (let i = length - 1; i > 0; i--) {
    const j = pickIndex(rng, i + 1);
    const a = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = a;
  }
  return order;
}

/** Text the model is forced to produce (structured output): tokenized at request time. */
export function replyFromText(text: string, maxTokens: number): Reply {
  const all = decodeToPieces(encode(text));
  const pieces: Piece[] = [];
  let tokens = 0;
  for (const piece of all) {
    if (tokens + piece.tokens > maxTokens) {
      return { pieces, completionTokens: tokens, finishReason: "length", stopReason: null };
    }
    pieces.push(piece);
    tokens += piece.tokens;
  }
  return { pieces, completionTokens: tokens, finishReason: "stop", stopReason: null };
}

/**
 * vLLM stops at the first token after which a stop string appears, counts that token,
 * and cuts the text just before the stop string.
 */
export function applyStopStrings(reply: Reply, stops: readonly string[]): Reply {
  if (stops.length === 0) return reply;
  let text = "";
  let tokens = 0;
  for (let i = 0; i < reply.pieces.length; i++) {
    const piece = reply.pieces[i];
    if (!piece) continue;
    const searchFrom = Math.max(0, text.length - longest(stops));
    text += piece.text;
    tokens += piece.tokens;
    const hit = earliestStop(text, stops, searchFrom);
    if (hit) {
      return {
        pieces: clipPieces(reply.pieces.slice(0, i + 1), hit.index),
        completionTokens: tokens,
        finishReason: "stop",
        stopReason: hit.stop,
      };
    }
  }
  return reply;
}

function longest(stops: readonly string[]): number {
  return stops.reduce((max, s) => Math.max(max, s.length), 0);
}

function earliestStop(text: string, stops: readonly string[], from: number): { index: number; stop: string } | null {
  let best: { index: number; stop: string } | null = null;
  for (const stop of stops) {
    if (stop === "") continue;
    const index = text.indexOf(stop, from);
    if (index >= 0 && (best === null || index < best.index)) best = { index, stop };
  }
  return best;
}

function clipPieces(pieces: Piece[], visibleChars: number): Piece[] {
  let offset = 0;
  return pieces.map((piece) => {
    const keep = Math.max(0, Math.min(piece.text.length, visibleChars - offset));
    offset += piece.text.length;
    return keep === piece.text.length ? piece : { text: piece.text.slice(0, keep), tokens: piece.tokens };
  });
}

export function replyText(reply: Reply): string {
  let text = "";
  for (const piece of reply.pieces) text += piece.text;
  return text;
}
