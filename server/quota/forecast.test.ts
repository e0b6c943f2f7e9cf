import { describe, expect, it } from "vitest";
import { forecast, forecastLine } from "./forecast";

const start = new Date("2026-12-01T00:00:00Z");
const end = new Date("2027-01-01T00:00:00Z");
const day = 86_400_000;

describe("forecast", () => {
  it("runs out before the end of the month at the current rate", () => {
    // 10 days in, half used: exhausted on day 20.
    const f = forecast(500, 1000, start, end, new Date(start.getTime() + 10 * day));
    expect(f.exhaustedAt?.toISOString()).toBe("2026-12-21T00:00:00.000Z");
    expect(f.projected).toBeCloseTo(1550);
  });

  it("does not run out when the rate is low enough", () => {
    const f = forecast(100, 1000, start, end, new Date(start.getTime() + 10 * day));
    expect(f.exhaustedAt).toBeNull();
    expect(f.projected).toBeCloseTo(310);
  });

  it("is exhausted now when the limit is already reached", () => {
    const now = new Date(start.getTime() + 3 * day);
    expect(forecast(1000, 1000, start, end, now).exhaustedAt).toEqual(now);
  });

  it("has no exhaustion without a limit or without use", () => {
    expect(forecast(100, null, start, end, new Date(start.getTime() + day)).exhaustedAt).toBeNull();
    expect(forecast(0, 10, start, end, new Date(start.getTime() + day)).exhaustedAt).toBeNull();
  });

  it("draws a line from now to exhaustion at the limit", () => {
    const now = new Date(start.getTime() + 10 * day);
    const f = forecast(500, 1000, start, end, now);
    expect(forecastLine(f, 500, 1000, now, end)).toEqual([
      { at: now, used: 500 },
      { at: new Date("2026-12-21T00:00:00Z"), used: 1000 },
    ]);
  });
});
