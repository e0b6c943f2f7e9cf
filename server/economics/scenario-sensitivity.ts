import { dec, maxOf, minOf, ONE, type Decimal } from "./money";
import { cumulativeCost } from "./period-cost";
import { roi } from "./roi";
import type { Scenario } from "./scenario";
import { benefitPerMonth, ownershipFromScenario } from "./scenario-model";
import { tornado, type Perturbation, type TornadoBar } from "./sensitivity";

/** Cash-basis ROI after `year` years: the article's headline figure. */
export function cashRoiAtYear(s: Scenario, year: number): Decimal | null {
  const o = ownershipFromScenario(s);
  return roi(benefitPerMonth(s).times(12 * year), cumulativeCost(o, 12 * year, "cash"));
}

/**
 * Every input that moves cash ROI: the hardware as a whole, each operating
 * item, each electricity driver, each benefit. Lifetime, salvage and the
 * discount rate do not enter cash ROI and would only add empty bars. PUE is
 * varied only when above 1 and never pushed below 1 (that is impossible);
 * hours per day never past 24.
 */
export function scenarioPerturbations(s: Scenario): Perturbation<Scenario>[] {
  const list: Perturbation<Scenario>[] = [
    {
      key: "hardware",
      label: { en: "hardware (all BOM lines)", zh: "硬件（全部物料）" },
      apply: (x, f) => ({
        ...x,
        hardware: {
          ...x.hardware,
          bom: x.hardware.bom.map((l) => ({
            ...l,
            unitPrice: l.unitPrice?.times(f),
            subtotal: l.subtotal?.times(f),
          })),
        },
      }),
    },
  ];
  s.operating.items.forEach((item, i) =>
    list.push({
      key: `operating:${item.name}`,
      label: { en: `operating: ${item.name}`, zh: `运营：${item.name}` },
      apply: (x, f) => ({
        ...x,
        operating: {
          ...x.operating,
          items: x.operating.items.map((it, j) => (j === i ? { ...it, amount: it.amount.times(f) } : it)),
        },
      }),
    }),
  );
  const e = s.operating.electricity;
  if (e !== undefined) {
    const drivers: { key: ElectricityKey; en: string; zh: string }[] =
      e.mode === "assumed"
        ? [
            { key: "watts", en: "power draw (W)", zh: "功耗（W）" },
            { key: "hoursPerDay", en: "hours per day", zh: "每日运行小时" },
            { key: "tariffPerKwh", en: "electricity tariff", zh: "电价" },
          ]
        : [
            { key: "kwhPerYear", en: "measured energy (kWh)", zh: "实测用电量（kWh）" },
            { key: "tariffPerKwh", en: "electricity tariff", zh: "电价" },
          ];
    if (e.pue.gt(1)) drivers.push({ key: "pue", en: "PUE", zh: "PUE" });
    for (const d of drivers) {
      list.push({
        key: `electricity:${d.key}`,
        label: { en: `electricity: ${d.en}`, zh: `电费：${d.zh}` },
        apply: (x, f) => {
          const el = x.operating.electricity;
          return el === undefined
            ? x
            : { ...x, operating: { ...x.operating, electricity: scaleElectricity(el, d.key, f) } };
        },
      });
    }
  }
  s.benefits.forEach((b, i) =>
    list.push({
      key: `benefit:${b.name}`,
      label: { en: `benefit: ${b.name}`, zh: `收益：${b.name}` },
      apply: (x, f) => ({
        ...x,
        benefits: x.benefits.map((it, j) => (j === i ? { ...it, amount: it.amount.times(f) } : it)),
      }),
    }),
  );
  return list;
}

type Electricity = NonNullable<Scenario["operating"]["electricity"]>;
type ElectricityKey = "watts" | "hoursPerDay" | "tariffPerKwh" | "pue" | "kwhPerYear";

function scaleElectricity(el: Electricity, key: ElectricityKey, f: Decimal): Electricity {
  switch (key) {
    case "tariffPerKwh":
      return { ...el, tariffPerKwh: el.tariffPerKwh.times(f) };
    case "pue":
      return { ...el, pue: maxOf(el.pue.times(f), ONE) };
    case "watts":
      return el.mode === "assumed" ? { ...el, watts: el.watts.times(f) } : el;
    case "hoursPerDay":
      return el.mode === "assumed" ? { ...el, hoursPerDay: minOf(el.hoursPerDay.times(f), dec(24)) } : el;
    case "kwhPerYear":
      return el.mode === "measured" ? { ...el, kwhPerYear: el.kwhPerYear.times(f) } : el;
  }
}

export function scenarioTornado(s: Scenario): TornadoBar[] {
  return tornado(s, (x) => cashRoiAtYear(x, s.finance.sensitivityYear), scenarioPerturbations(s), s.finance.swing);
}
