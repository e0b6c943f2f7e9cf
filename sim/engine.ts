/**
 * Continuous batching in simulated time, after vLLM's v1 scheduler: running sequences
 * decode one token per step, waiting ones are admitted while the KV cache and the
 * per-step token budget allow (long prompts prefill in chunks), and when the cache runs
 * out the newest sequence is preempted and later recomputed. No timers here: the
 * caller advances the clock, so tests and calibration can run it instantly.
 */
import { stepSeconds, type NodeProfile } from "./timing";

export interface SequenceListener {
  /** After every step that produced tokens for this sequence: the total so far. */
  progress(emitted: number, nowS: number): void;
}

export interface Sequence {
  readonly promptTokens: number;
  readonly outputTokens: number;
  readonly arrivalS: number;
  readonly listener: SequenceListener;
  emitted: number;
  /** Tokens that must be in the KV cache before the next token can be sampled. */
  needed: number;
  computed: number;
  blocks: number;
  state: "waiting" | "running" | "finished";
}

interface Step {
  endS: number;
  decode: Sequence[];
  prefill: { seq: Sequence; tokens: number }[];
}

export interface StepRecord {
  endS: number;
  durationS: number;
  batch: number;
}

export class BatchEngine {
  private readonly waiting: Sequence[] = [];
  private readonly running: Sequence[] = [];
  private usedBlocks = 0;
  private current: Step | null = null;
  /** Multiplies every step's duration (the "slow node" fault). */
  slowdown = 1;
  onStep: ((record: StepRecord) => void) | null = null;

  constructor(
    private readonly profile: NodeProfile,
    private readonly maxWaiting: number,
  ) {}

  get numRunning(): number {
    return this.running.length;
  }

  get numWaiting(): number {
    return this.waiting.length;
  }

  get kvUsage(): number {
    const capacityBlocks = this.profile.kvCapacityTokens / this.profile.blockSize;
    return capacityBlocks > 0 ? this.usedBlocks / capacityBlocks : 0;
  }

  /** When the step in flight ends, or null when idle. */
  get nextEventS(): number | null {
    return this.current?.endS ?? null;
  }

  /** Queues sequences together (the `n` choices of one request), or refuses them all if that overfills the queue. */
  submit(
    specs: readonly { promptTokens: number; outputTokens: number; listener: SequenceListener }[],
    nowS: number,
  ): Sequence[] | null {
    const seqs = specs.map<Sequence>((spec) => ({
      promptTokens: spec.promptTokens,
      outputTokens: Math.max(1, spec.outputTokens),
      arrivalS: nowS,
      listener: spec.listener,
      emitted: 0,
      needed: spec.promptTokens,
      computed: 0,
      blocks: 0,
      state: "waiting",
    }));
    this.waiting.push(...seqs);
    if (this.current === null) this.startStep(nowS);
    if (this.waiting.length > this.maxWaiting) {
      for (const seq of seqs) this.abort(seq);
      return null;
    }
    return seqs;
  }

  abort(seq: Sequence): void {
    if (seq.state === "finished") return;
    seq.state = "finished";
    this.release(seq);
    removeFrom(this.waiting, seq);
    removeFrom(this.running, seq);
  }

  /** Completes every step that ends by `nowS`, starting the next one back to back. */
  advance(nowS: number): void {
    while (this.current !== null && this.current.endS <= nowS) {
      const step = this.current;
      this.complete(step);
      this.startStep(step.endS);
    }
  }

  private startStep(atS: number): void {
    const step = this.compose(atS);
    this.current = step;
    if (step === null) return;
    const prefillTokens = step.prefill.reduce((sum, p) => sum + p.tokens, 0);
    const durationS = stepSeconds(this.profile, step.decode.length, prefillTokens) * this.slowdown;
    step.endS = atS + durationS;
    this.onStep?.({ endS: step.endS, durationS, batch: step.decode.length + step.prefill.length });
  }

  private compose(atS: number): Step | null {
    let budget = this.profile.maxNumBatchedTokens;
    const decode: Sequence[] = [];
    const prefill: { seq: Sequence; tokens: number }[] = [];
    this.preemptUntilDecodeFits();
    for (const seq of this.running) {
      if (budget <= 0) break;
      if (seq.computed >= seq.needed) {
        if (this.grow(seq, seq.computed + 1)) {
          decode.push(seq);
          budget -= 1;
        }
      } else {
        const tokens = Math.min(seq.needed - seq.computed, budget);
        if (this.grow(seq, seq.computed + tokens)) {
          prefill.push({ seq, tokens });
          budget -= tokens;
        }
      }
    }
    while (budget > 0 && this.waiting.length > 0 && this.running.length < this.profile.maxNumSeqs) {
      const seq = this.waiting[0];
      if (seq === undefined) break;
      const tokens = Math.min(seq.needed, budget);
      if (!this.grow(seq, tokens)) break;
      this.waiting.shift();
      seq.state = "running";
      this.running.push(seq);
      prefill.push({ seq, tokens });
      budget -= tokens;
    }
    if (decode.length === 0 && prefill.length === 0) return null;
    return { endS: atS, decode, prefill };
  }

  /** Every decoding sequence needs room for one more token; the newest ones make way. */
  private preemptUntilDecodeFits(): void {
    const capacityBlocks = this.profile.kvCapacityTokens / this.profile.blockSize;
    const extraBlocks = () =>
      this.running.filter((s) => s.computed >= s.needed && s.computed % this.profile.blockSize === 0).length;
    while (this.running.length > 1 && this.usedBlocks + extraBlocks() > capacityBlocks) {
      const victim = this.running.pop();
      if (victim === undefined) break;
      this.release(victim);
      victim.computed = 0;
      victim.needed = victim.promptTokens + victim.emitted;
      victim.state = "waiting";
      this.waiting.unshift(victim);
    }
  }

  private grow(seq: Sequence, tokens: number): boolean {
    const blocks = Math.ceil(tokens / this.profile.blockSize);
    const extra = blocks - seq.blocks;
    if (extra <= 0) return true;
    if (this.usedBlocks + extra > this.profile.kvCapacityTokens / this.profile.blockSize) return false;
    this.usedBlocks += extra;
    seq.blocks = blocks;
    return true;
  }

  private release(seq: Sequence): void {
    this.usedBlocks -= seq.blocks;
    seq.blocks = 0;
  }

  private complete(step: Step): void {
    const produced: Sequence[] = [];
    for (const seq of step.decode) {
      if (seq.state !== "running") continue;
      seq.computed += 1;
      seq.emitted += 1;
      produced.push(seq);
    }
    for (const { seq, tokens } of step.prefill) {
      if (seq.state !== "running") continue;
      seq.computed += tokens;
      if (seq.computed >= seq.needed) {
        seq.emitted += 1;
        produced.push(seq);
      }
    }
    for (const seq of produced) {
      if (seq.emitted >= seq.outputTokens) {
        seq.state = "finished";
        this.release(seq);
        removeFrom(this.running, seq);
      }
      seq.listener.progress(seq.emitted, step.endS);
    }
  }
}

function removeFrom(list: Sequence[], seq: Sequence): void {
  const index = list.indexOf(seq);
  if (index >= 0) list.splice(index, 1);
}
