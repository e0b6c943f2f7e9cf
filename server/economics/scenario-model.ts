import { priceBom } from "./capex";
import { depreciationSchedule } from "./depreciation";
import { electricityCost, energyKwhFromPower } from "./energy";
import { dec, sum, type Decimal } from "./money";
import { opexItemPerYear } from "./opex";
import type { OwnershipCost } from "./period-cost";
import type { Scenario } from "./scenario";

/** A scenario's figures turned into the engine's cost model; shared by the report and the tornado. */

export function electricityPerYear(s: Scenario): { kwhPerYear: Decimal; costPerYear: Decimal } | null {
  const e = s.operating.electricity;
  if (e === undefined) return null;
  const kwhPerYear =
    e.mode === "measured"
      ? e.kwhPerYear
      : energyKwhFromPower({ watts: e.watts, hoursPerDay: e.hoursPerDay, days: e.daysPerYear });
  return { kwhPerYear, costPerYear: electricityCost(kwhPerYear, e.tariffPerKwh, e.pue) };
}

export function ownershipFromScenario(s: Scenario): OwnershipCost {
  const { total } = priceBom(s.hardware.bom);
  const items = sum(s.operating.items.map(opexItemPerYear));
  const electricity = electricityPerYear(s)?.costPerYear ?? dec(0);
  return {
    capex: total,
    depreciation: depreciationSchedule(
      { cost: total, salvage: s.hardware.salvage, lifetimeYears: s.hardware.lifetimeYears },
      s.hardware.depreciation,
    ),
    opexPerYear: items.plus(electricity),
  };
}

export function benefitPerMonth(s: Scenario): Decimal {
  return sum(s.benefits.map(opexItemPerYear)).div(12);
}
