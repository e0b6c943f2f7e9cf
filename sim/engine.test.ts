import { describe, expect, it } from "vitest";
import { BatchEngine, type Sequence } from "./engine";
import { nodeProfile, soloRequestSeconds, type NodeProfile } from "./timing";

interface Trace {
  firstTokenS: number | null;
  doneS: number | null;
  emitted: number;
}

function run(engine: BatchEngine, untilS = 1e6): void {
  for (let next = engine.nextEventS; next !== null && next <= untilS; next = engine.nextEventS) engine.advance(next);
}

function submitOne(engine: BatchEngine, promptTokens: number, outputTokens: number, atS: number): { trace: Trace; seqs: Sequence[] | null } {
  const trace: Trace = { firstTokenS: null, doneS: null, emitted: 0 };
  const seqs = engine.submit(
    [
      {
        promptTokens,
        outputTokens,
        listener: {
          progress(emitted, nowS) {
            trace.firstTokenS ??= nowS;
            trace.emitted = emitted;
            if (emitted === outputTokens) trace.doneS = nowS;
          },
        },
      },
    ],
    atS,
  );
  return { trace, seqs };
}

const fp16 = nodeProfile();

describe("BatchEngine", () => {
  it("serves a lone request in exactly the modelled solo time", () => {
    const engine = new BatchEngine(fp16, 100);
    const { trace } = submitOne(engine, 256, 128, 0);
    run(engine);
    const expected = soloRequestSeconds(fp16, 256, 128);
    expect(trace.firstTokenS).toBeCloseTo(expected.ttftS, 9);
    expect(trace.doneS).toBeCloseTo(expected.e2eS, 9);
    expect(trace.emitted).toBe(128);
  });

  it("chunks a long prompt over several steps", () => {
    const engine = new BatchEngine(fp16, 100);
    const { trace } = submitOne(engine, 5000, 1, 0);
    run(engine);
    expect(trace.firstTokenS).toBeCloseTo(3 * fp16.stepBaseS + 5000 / fp16.prefillTokensPerS, 9);
  });

  it.each([
    [1, 0.0595],
    [8, 0.3751],
    [32, 1.457],
  ])("TTFT grows with load: of %i requests sent at once, the last gets its first token after %f s", (burst, lastTtft) => {
    const engine = new BatchEngine(fp16, 1000);
    const traces = Array.from({ length: burst }, () => submitOne(engine, 256, 16, 0).trace);
    run(engine);
    expect(Math.max(...traces.map((t) => t.firstTokenS ?? Infinity))).toBeCloseTo(lastTtft, 3);
  });

  it("batches decoding: 32 streams finish far sooner than 32 requests in a row", () => {
    const engine = new BatchEngine(fp16, 1000);
    const traces = Array.from({ length: 32 }, () => submitOne(engine, 16, 100, 0).trace);
    run(engine);
    const makespan = Math.max(...traces.map((t) => t.doneS ?? Infinity));
    expect(makespan).toBeLessThan(4 * soloRequestSeconds(fp16, 16, 100).e2eS);
  });

  it("never holds more KV cache than it has, preempting when it runs out", () => {
    const tiny: NodeProfile = { ...fp16, kvCapacityTokens: 1024 };
    const engine = new BatchEngine(tiny, 1000);
    const traces = Array.from({ length: 6 }, () => submitOne(engine, 200, 200, 0).trace);
    let peak = 0;
    for (let next = engine.nextEventS; next !== null; next = engine.nextEventS) {
      engine.advance(next);
      peak = Math.max(peak, engine.kvUsage);
    }
    expect(peak).toBeLessThanOrEqual(1);
    expect(traces.every((t) => t.emitted === 200)).toBe(true);
  });

  it("refuses a request that would overfill the waiting queue", () => {
    const engine = new BatchEngine(fp16, 1);
    expect(submitOne(engine, 30, 5, 0).seqs).not.toBeNull();
    expect(submitOne(engine, 30, 5, 0.001).seqs).not.toBeNull();
    expect(submitOne(engine, 30, 5, 0.002).seqs).toBeNull();
    expect(engine.numRunning).toBe(1);
    expect(engine.numWaiting).toBe(1);
  });

  it("frees the KV cache of an aborted request and never reports it again", () => {
    const engine = new BatchEngine(fp16, 10);
    const { trace, seqs } = submitOne(engine, 3000, 50, 0);
    engine.advance(engine.nextEventS ?? 0);
    expect(engine.kvUsage).toBeGreaterThan(0);
    for (const seq of seqs ?? []) engine.abort(seq);
    run(engine);
    expect(engine.kvUsage).toBe(0);
    expect(trace.emitted).toBe(0);
  });

  it("slows every step by the slowdown factor", () => {
    const engine = new BatchEngine(fp16, 10);
    engine.slowdown = 3;
    const { trace } = submitOne(engine, 256, 10, 0);
    run(engine);
    expect(trace.doneS).toBeCloseTo(3 * soloRequestSeconds(fp16, 256, 10).e2eS, 9);
  });
});
