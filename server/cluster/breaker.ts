import type { BreakerState } from "./types";

export type BreakerConfig = {
  /** Consecutive failures that open the breaker. */
  failures: number;
  /** First cool-down; doubles on each trip without a successful request in between. */
  coolDownMs: number;
  maxCoolDownMs: number;
  /** A probe picked but never begun or reported frees its slot after this long. */
  probeTimeoutMs: number;
};

export const DEFAULT_BREAKER: BreakerConfig = { failures: 3, coolDownMs: 10_000, maxCoolDownMs: 300_000, probeTimeoutMs: 30_000 };

// Nothing listens on the port: retrying the node at once only delays the
// request that fails over, so one refusal is enough to open.
export function isConnectionRefused(reason: string): boolean {
  return /ECONNREFUSED|connection refused/i.test(reason);
}

/** One node's circuit breaker; time comes in as arguments so tests drive it. */
export class Breaker {
  private consecutive = 0;
  private trips = 0;
  private openedAt: number | null = null;
  private probeSince: number | null = null;

  constructor(private readonly config: BreakerConfig) {}

  state(now: number): BreakerState {
    if (this.openedAt === null) return "closed";
    return now - this.openedAt >= this.coolDownMs() ? "half_open" : "open";
  }

  coolDownMs(): number {
    return Math.min(this.config.maxCoolDownMs, this.config.coolDownMs * 2 ** Math.max(0, this.trips - 1));
  }

  /** Whether a new request may go to the node: half-open lets one probe through at a time. */
  canAccept(now: number): boolean {
    const state = this.state(now);
    if (state === "closed") return true;
    if (state === "open") return false;
    return this.probeSince === null || now - this.probeSince >= this.config.probeTimeoutMs;
  }

  /** Records that a request was sent its way; true when that request is the half-open probe. */
  picked(now: number): boolean {
    if (this.state(now) !== "half_open") return false;
    this.probeSince = now;
    return true;
  }

  releaseProbe(): void {
    this.probeSince = null;
  }

  success(): void {
    this.consecutive = 0;
    this.trips = 0;
    this.openedAt = null;
    this.probeSince = null;
  }

  // Trips are kept: a hung vLLM still answers /health, and its next trip
  // should wait longer.
  healthPassed(now: number): void {
    if (this.state(now) !== "half_open") return;
    this.consecutive = 0;
    this.openedAt = null;
    this.probeSince = null;
  }

  /** Returns true when this failure opened the breaker. */
  failure(now: number, reason: string): boolean {
    const state = this.state(now);
    // Requests sent before it opened keep failing; they say nothing new.
    if (state === "open") return false;
    this.consecutive += 1;
    const threshold = isConnectionRefused(reason) ? 1 : this.config.failures;
    if (state === "closed" && this.consecutive < threshold) return false;
    this.trips += 1;
    this.openedAt = now;
    this.consecutive = 0;
    this.probeSince = null;
    return true;
  }
}
