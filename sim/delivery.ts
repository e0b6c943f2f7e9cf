/**
 * Sends a CompletionJob's tokens to the client as the engine produces them (or all at
 * once at speed 0), applying the token-level faults and keeping metrics and stats.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Sequence } from "./engine";
import { errorJson } from "./errors";
import type { ActiveFaults } from "./faults";
import type { Choice, CompletionJob } from "./job";
import type { NodeMetrics } from "./metrics";
import type { RealtimeEngine } from "./realtime";
import { DONE_LINE, responseBody, SseFormatter, streamErrorLine } from "./responses";
import { soloRequestSeconds, type NodeProfile } from "./timing";
import type { UtilisationMeter } from "./utilisation";

export interface SimStats {
  promptTokens: number;
  completionTokens: number;
  requests: number;
}

export interface DeliveryEnv {
  /** Null at speed 0: replies go out at once, with modelled timings in the metrics. */
  engine: RealtimeEngine | null;
  profile: NodeProfile;
  metrics: NodeMetrics;
  meter: UtilisationMeter;
  stats: SimStats;
  nowS: () => number;
  faults: ActiveFaults;
}

interface ChoiceProgress {
  choice: Choice;
  sentTokens: number;
  nextPiece: number;
  finished: boolean;
}

const SSE_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" };
const JSON_HEADERS = { "content-type": "application/json" };
const RESET_GRACE_MS = 10;

export function deliver(job: CompletionJob, req: IncomingMessage, res: ServerResponse, env: DeliveryEnv): void {
  new Delivery(job, req, res, env).start();
}

class Delivery {
  private readonly progress: ChoiceProgress[];
  private readonly sse: SseFormatter | null;
  private arrivalS: number;
  private seqs: readonly Sequence[] = [];
  private headersSent = false;
  private totalSent = 0;
  private done = false;

  constructor(
    private readonly job: CompletionJob,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly env: DeliveryEnv,
  ) {
    this.progress = job.choices.map((choice) => ({ choice, sentTokens: 0, nextPiece: 0, finished: false }));
    this.sse = job.stream ? new SseFormatter(job) : null;
    this.arrivalS = env.nowS();
  }

  start(): void {
    this.res.on("close", () => this.abandon());
    if (this.env.engine) this.startOnEngine(this.env.engine);
    else this.sendAtOnce();
  }

  private startOnEngine(engine: RealtimeEngine): void {
    const seqs = engine.submit(
      this.progress.map((p, i) => ({
        promptTokens: p.choice.promptTokens,
        outputTokens: p.choice.reply.completionTokens,
        listener: { progress: (emitted: number, nowS: number) => this.onTokens(i, emitted, nowS) },
      })),
    );
    if (seqs === null) {
      this.done = true;
      this.res.writeHead(503, JSON_HEADERS).end(errorJson(503, "The server is overloaded: its waiting queue is full."));
      return;
    }
    this.seqs = seqs;
    this.arrivalS = seqs[0]?.arrivalS ?? this.arrivalS;
    this.accept();
  }

  private sendAtOnce(): void {
    this.accept();
    if (this.sse) this.res.cork();
    for (let i = 0; i < this.progress.length && !this.done; i++) {
      const choice = this.progress[i]?.choice;
      if (!choice) continue;
      const tokens = choice.reply.completionTokens;
      const { ttftS, e2eS } = soloRequestSeconds(this.env.profile, choice.promptTokens, tokens);
      this.env.meter.record(this.arrivalS, e2eS, 1);
      const perToken = tokens > 1 ? (e2eS - ttftS) / (tokens - 1) : 0;
      for (let t = 1; t <= tokens && !this.done; t++) {
        this.onTokens(i, t, this.arrivalS + ttftS + (t - 1) * perToken);
      }
    }
    if (this.sse) process.nextTick(() => this.res.uncork());
  }

  private accept(): void {
    this.env.stats.requests += 1;
    this.env.stats.promptTokens += this.job.promptTokens;
    this.env.metrics.addPromptTokens(this.job.promptTokens);
  }

  private onTokens(index: number, emitted: number, nowS: number): void {
    const p = this.progress[index];
    if (this.done || !p || emitted <= p.sentTokens) return;
    if (p.sentTokens === 0) this.env.metrics.observeTtft(nowS - this.arrivalS);
    if (this.sse && !this.headersSent) {
      this.headersSent = true;
      this.res.writeHead(200, SSE_HEADERS);
      this.res.write(this.sse.roleChunks());
    }
    const { resetAfterTokens, errorAfterTokens } = this.env.faults;
    if (resetAfterTokens !== undefined && this.totalSent >= resetAfterTokens) return this.reset();
    if (errorAfterTokens !== undefined && this.totalSent >= errorAfterTokens) return this.failMidway();

    const pieces = p.choice.reply.pieces;
    let text = "";
    let covered = p.sentTokens;
    while (p.nextPiece < pieces.length) {
      const piece = pieces[p.nextPiece];
      if (!piece || covered + piece.tokens > emitted) break;
      text += piece.text;
      covered += piece.tokens;
      p.nextPiece += 1;
    }
    const fresh = emitted - p.sentTokens;
    p.sentTokens = emitted;
    this.totalSent += fresh;
    this.env.stats.completionTokens += fresh;
    this.env.metrics.addGenerationTokens(fresh);

    const finished = emitted >= p.choice.reply.completionTokens;
    if (this.sse && (text !== "" || finished)) {
      this.res.write(this.sse.delta(p.choice, text, emitted, finished ? p.choice.reply.finishReason : null));
    }
    if (finished) {
      p.finished = true;
      this.env.metrics.finished(p.choice.reply.finishReason, nowS - this.arrivalS);
      if (this.progress.every((q) => q.finished)) this.complete();
    }
  }

  private complete(): void {
    this.done = true;
    const withUsage = !this.env.faults.omitUsage;
    if (this.sse) {
      if (this.job.includeUsage && withUsage) this.res.write(this.sse.usageChunk(this.totalSent));
      this.res.end(DONE_LINE);
      return;
    }
    this.res.writeHead(200, JSON_HEADERS).end(JSON.stringify(responseBody(this.job, withUsage)));
  }

  /**
   * The "connection reset mid-stream" fault: a TCP RST, no final chunk. A stream's last
   * chunks are flushed and given a moment to arrive first, since an RST makes the
   * client's kernel drop whatever it has not yet read.
   */
  private reset(): void {
    this.stopGenerating();
    const socket = this.req.socket;
    if (!this.sse) {
      socket.resetAndDestroy();
      return;
    }
    this.res.uncork();
    this.res.write("", () => setTimeout(() => socket.destroyed || socket.resetAndDestroy(), RESET_GRACE_MS));
  }

  /** vLLM reports an engine failure inside the stream, then still closes it with [DONE]. */
  private failMidway(): void {
    this.stopGenerating();
    const message = "Simulated engine failure (fault injection).";
    if (this.sse) {
      this.res.end(streamErrorLine(500, message, "InternalServerError") + DONE_LINE);
    } else {
      this.res.writeHead(500, JSON_HEADERS).end(errorJson(500, message));
    }
  }

  /** The client went away (or a fault cut it off): the engine stops and metrics say "abort". */
  private abandon(): void {
    if (this.done) return;
    this.stopGenerating();
  }

  private stopGenerating(): void {
    this.done = true;
    this.env.engine?.abort(this.seqs);
    for (const p of this.progress) {
      if (!p.finished) {
        p.finished = true;
        this.env.metrics.finished("abort", null);
      }
    }
  }
}
