/**
 * Drives a BatchEngine against the wall clock, `speed` times faster than real time.
 * Late timers are harmless: every step that should have ended is completed on wake-up.
 */
import { BatchEngine, type Sequence, type SequenceListener } from "./engine";

export class SimClock {
  private readonly startMs = performance.now();

  /** At speed 0 responses skip the engine, so simulated time simply follows the wall clock. */
  constructor(readonly speed: number) {}

  nowS(): number {
    return ((performance.now() - this.startMs) / 1000) * (this.speed > 0 ? this.speed : 1);
  }

  /** Wall-clock milliseconds that `simS` simulated seconds take. */
  wallMs(simS: number): number {
    return this.speed > 0 ? (simS / this.speed) * 1000 : 0;
  }
}

export class RealtimeEngine {
  private timer: NodeJS.Timeout | null = null;
  private timerAtS = Number.POSITIVE_INFINITY;

  constructor(
    readonly engine: BatchEngine,
    private readonly clock: SimClock,
  ) {}

  submit(
    specs: readonly { promptTokens: number; outputTokens: number; listener: SequenceListener }[],
  ): Sequence[] | null {
    const seqs = this.engine.submit(specs, this.clock.nowS());
    this.arm();
    return seqs;
  }

  abort(seqs: readonly Sequence[]): void {
    for (const seq of seqs) this.engine.abort(seq);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    const next = this.engine.nextEventS;
    if (next === null || next >= this.timerAtS) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAtS = next;
    this.timer = setTimeout(() => this.wake(), this.clock.wallMs(next - this.clock.nowS()));
  }

  private wake(): void {
    this.timer = null;
    this.timerAtS = Number.POSITIVE_INFINITY;
    this.engine.advance(this.clock.nowS());
    this.arm();
  }
}
