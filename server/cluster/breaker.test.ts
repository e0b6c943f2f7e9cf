import { describe, expect, it } from "vitest";
import { Breaker, isConnectionRefused, type BreakerConfig } from "./breaker";

const config: BreakerConfig = { failures: 3, coolDownMs: 1_000, maxCoolDownMs: 3_000, probeTimeoutMs: 500 };

type Step =
  | ["fail", number, string?]
  | ["ok", number]
  | ["health", number]
  | ["pick", number]
  | ["release", number];

function run(steps: Step[]): Breaker {
  const b = new Breaker(config);
  for (const step of steps) {
    if (step[0] === "fail") b.failure(step[1], step[2] ?? "HTTP 503");
    else if (step[0] === "ok") b.success();
    else if (step[0] === "health") b.healthPassed(step[1]);
    else if (step[0] === "pick") b.picked(step[1]);
    else b.releaseProbe();
  }
  return b;
}

describe("Breaker", () => {
  it.each<{ name: string; steps: Step[]; at: number; state: string; accepts: boolean }>([
    { name: "starts closed", steps: [], at: 0, state: "closed", accepts: true },
    { name: "two failures keep it closed", steps: [["fail", 0], ["fail", 1]], at: 2, state: "closed", accepts: true },
    { name: "three failures open it", steps: [["fail", 0], ["fail", 1], ["fail", 2]], at: 3, state: "open", accepts: false },
    { name: "a success in between resets the count", steps: [["fail", 0], ["fail", 1], ["ok", 2], ["fail", 3]], at: 4, state: "closed", accepts: true },
    { name: "one refusal opens it", steps: [["fail", 0, "ECONNREFUSED"]], at: 1, state: "open", accepts: false },
    { name: "half-open after the cool-down", steps: [["fail", 0, "ECONNREFUSED"]], at: 1_000, state: "half_open", accepts: true },
    { name: "half-open admits one probe", steps: [["fail", 0, "ECONNREFUSED"], ["pick", 1_000]], at: 1_001, state: "half_open", accepts: false },
    { name: "a released probe frees the slot", steps: [["fail", 0, "ECONNREFUSED"], ["pick", 1_000], ["release", 1_001]], at: 1_002, state: "half_open", accepts: true },
    { name: "a forgotten probe frees the slot in time", steps: [["fail", 0, "ECONNREFUSED"], ["pick", 1_000]], at: 1_500, state: "half_open", accepts: true },
    { name: "a probe success closes it", steps: [["fail", 0, "ECONNREFUSED"], ["pick", 1_000], ["ok", 1_010]], at: 1_011, state: "closed", accepts: true },
    { name: "a probe failure opens it again, for twice as long", steps: [["fail", 0, "ECONNREFUSED"], ["pick", 1_000], ["fail", 1_010]], at: 2_500, state: "open", accepts: false },
    { name: "the second cool-down ends", steps: [["fail", 0, "ECONNREFUSED"], ["fail", 1_010]], at: 3_010, state: "half_open", accepts: true },
    { name: "a passing health check closes it when half-open", steps: [["fail", 0, "ECONNREFUSED"], ["health", 1_000]], at: 1_001, state: "closed", accepts: true },
    { name: "a passing health check does not cut the cool-down short", steps: [["fail", 0, "ECONNREFUSED"], ["health", 500]], at: 501, state: "open", accepts: false },
    { name: "failures while open are ignored", steps: [["fail", 0, "ECONNREFUSED"], ["fail", 500], ["fail", 600]], at: 1_000, state: "half_open", accepts: true },
  ])("$name", ({ steps, at, state, accepts }) => {
    const b = run(steps);
    expect(b.state(at)).toBe(state);
    expect(b.canAccept(at)).toBe(accepts);
  });

  it("the cool-down doubles on repeated trips up to the cap and resets after a success", () => {
    const b = new Breaker(config);
    const coolDowns: number[] = [];
    let t = 0;
    for (let trip = 0; trip < 4; trip++) {
      b.failure(t, "ECONNREFUSED");
      coolDowns.push(b.coolDownMs());
      t += b.coolDownMs();
      b.healthPassed(t);
    }
    expect(coolDowns).toEqual([1_000, 2_000, 3_000, 3_000]);
    b.success();
    b.failure(t, "ECONNREFUSED");
    expect(b.coolDownMs()).toBe(1_000);
  });

  it("picked() says whether the request is the probe", () => {
    const b = new Breaker(config);
    expect(b.picked(0)).toBe(false);
    b.failure(0, "ECONNREFUSED");
    expect(b.picked(1_000)).toBe(true);
  });

  it.each([
    ["ECONNREFUSED", true],
    ["connect ECONNREFUSED 127.0.0.1:8001", true],
    ["Connection refused", true],
    ["HTTP 503", false],
    ["timeout", false],
    ["ECONNRESET", false],
  ])("isConnectionRefused(%j) = %s", (reason, expected) => {
    expect(isConnectionRefused(reason)).toBe(expected);
  });
});
