import { describe, expect, it } from "vitest";
import { electricityCost, energyKwhFromPower, integratePowerSamples, type PowerSample } from "./energy";
import { opexItemPerYear, opexPerMonth, opexPerYear } from "./opex";

const HOUR = 3_600_000;

describe("assumed power", () => {
  it.each([
    // watts, hours/day, days, tariff, pue, kWh, cost
    ["800", "12", 365, "1.2", "1", "3504", "4204.80"], // the article: 0.8 kW x 12 h x 365 d
    ["1000", "24", 30, "0.65", "1.5", "720", "702.00"], // 1 kW x 720 h x 0.65 x 1.5
    ["0", "24", 365, "1.2", "1.3", "0", "0.00"],
  ])("%s W, %s h/day, %d days at %s/kWh, PUE %s", (watts, hoursPerDay, days, tariff, pue, kwh, cost) => {
    const e = energyKwhFromPower({ watts, hoursPerDay, days });
    expect(e.toString()).toBe(kwh);
    expect(electricityCost(e, tariff, pue).toFixed(2)).toBe(cost);
  });
});

describe("integratePowerSamples", () => {
  it("integrates a constant draw exactly: 1,000 W for 2 h = 2 kWh", () => {
    const r = integratePowerSamples([
      [0, 1000],
      [HOUR, 1000],
      [2 * HOUR, 1000],
    ]);
    expect(r.kwh.toString()).toBe("2");
    expect(r.coveredMs).toBe(2 * HOUR);
  });

  it("uses trapezoids and sorts its input: ramp 0 -> 500 W over 1 h = 0.25 kWh", () => {
    const samples: PowerSample[] = [
      [HOUR, "500"],
      [0, "0"],
    ];
    expect(integratePowerSamples(samples).kwh.toString()).toBe("0.25");
  });

  it("leaves gaps longer than maxGapMs out and reports them", () => {
    const r = integratePowerSamples(
      [
        [0, 600],
        [60_000, 600], // 1 minute at 600 W = 0.01 kWh
        [60_000 + HOUR, 600], // an hour-long scrape outage
      ],
      { maxGapMs: 5 * 60_000 },
    );
    expect(r.kwh.toString()).toBe("0.01");
    expect(r.gapMs).toBe(HOUR);
  });

  it.each([[[]], [[[0, 500]]], [[[5, 100], [5, 900]]]] as PowerSample[][][])("is zero for %j", (samples) => {
    expect(integratePowerSamples(samples).kwh.isZero()).toBe(true);
  });
});

describe("opex", () => {
  const items = [
    { name: "cooling", amount: "1000", per: "year" as const },
    { name: "staff", amount: "850.50", per: "month" as const },
  ];
  it("normalises monthly items to years and back", () => {
    expect(opexItemPerYear(items[1]!).toFixed(2)).toBe("10206.00"); // 850.50 x 12
    expect(opexPerYear(items).toFixed(2)).toBe("11206.00");
    expect(opexPerMonth(items).toFixed(4)).toBe("933.8333"); // 11,206 / 12
    expect(opexPerYear([]).isZero()).toBe(true);
  });
});
