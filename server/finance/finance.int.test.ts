import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import {
  actualMonthCost,
  allocateCost,
  ARTICLE_SCENARIO,
  costPer1kTokens,
  dec,
  outputTokensPerMonth,
  parseScenario,
  priceApiUsage,
  priceCloudUsage,
  roundMoney,
  sum,
  weightedTokens,
  type Decimal,
} from "@/server/economics";
import { createTenantFixture, type TenantFixture } from "@/server/trpc/testing/fixtures";
import {
  alternativesReport,
  clusterChargeback,
  createCatalogEntry,
  createCostModelVersion,
  platformOverview,
  retireCatalogEntry,
  seedFinanceDemo,
  tenantChargeback,
  tenantOverview,
} from "./index";

// A month of usage for two tenants, then every figure of the overview,
// alternatives and chargeback checked against the engine on the same inputs.

const NOW = new Date("2026-06-15T04:00:00Z"); // 12:00 in Shanghai, mid-June
const MONTH = "2026-05";
const NIL = "00000000-0000-0000-0000-000000000000";
const { alternatives: _alts, ...INPUTS } = ARTICLE_SCENARIO;

let a: TenantFixture;
let b: TenantFixture;

type Row = { hour: string; tenant: TenantFixture; dept: 0 | 1; input: number; output: number; ms: number };
// May 2026 in Shanghai: 2026-04-30T16:00Z .. 2026-05-31T16:00Z.
const rows: Row[] = [];

async function insertUsage(r: Row) {
  await getDb().usageHourly.create({
    data: {
      hour: new Date(r.hour),
      tenantId: r.tenant.tenantId,
      departmentId: r.tenant.departmentIds[r.dept],
      userId: NIL,
      apiKeyId: NIL,
      model: "Qwen/Qwen2.5-7B-Instruct",
      requests: 10,
      errors: 0,
      estimated: 0,
      promptTokens: BigInt(r.input),
      completionTokens: BigInt(r.output),
      cachedTokens: 0n,
      totalMs: BigInt(r.ms),
      cost: "0",
    },
  });
}

beforeAll(async () => {
  a = await createTenantFixture("fa");
  b = await createTenantFixture("fb");
  // Version 1 from April (created "in April"); version 2 from June changes the tariff.
  await createCostModelVersion(null, { name: "v1", effectiveMonth: "2026-04", inServiceMonth: "2026-04", inputs: INPUTS, inputTokenWeight: "1", outputTokenWeight: "3" }, new Date("2026-04-02T00:00:00Z"));
  const v2 = structuredClone(INPUTS) as Record<string, unknown> & { operating: { electricity: { tariffPerKwh: string } } };
  v2.operating.electricity.tariffPerKwh = "0.9";
  await createCostModelVersion(null, { name: "v2", effectiveMonth: "2026-06", inServiceMonth: "2026-04", inputs: v2 }, new Date("2026-06-01T00:00:00Z"));
  await createCatalogEntry(null, { kind: "API", name: "Flat API", unit: "1K", inputTiers: [{ upTo: null, price: "0.02" }], outputTiers: [{ upTo: null, price: "0.02" }], effectiveFrom: "2026-04-01", source: "test" });
  await createCatalogEntry(null, {
    kind: "API",
    name: "Tiered API",
    unit: "1M",
    inputTiers: [{ upTo: "1000000", price: "4" }, { upTo: null, price: "2.5" }],
    outputTiers: [{ upTo: null, price: "12" }],
    effectiveFrom: "2026-04-01",
    source: "test",
  });
  await createCatalogEntry(null, { kind: "CLOUD", name: "GPU box", price: "6.5", per: "hour", outputTokensPerSecond: "400", effectiveFrom: "2026-04-01", source: "test" });
  await createCatalogEntry(null, { kind: "CLOUD", name: "Dollar box", currency: "USD", price: "1", per: "hour", effectiveFrom: "2026-04-01", source: "test" });
  // A retired price does not apply in May.
  const old = await createCatalogEntry(null, { kind: "API", name: "Old API", unit: "1K", inputTiers: [{ upTo: null, price: "1" }], outputTiers: [{ upTo: null, price: "1" }], effectiveFrom: "2026-03-01", source: "test" });
  await retireCatalogEntry(null, old.id, "2026-04-20");

  rows.push(
    { hour: "2026-04-30T16:00:00Z", tenant: a, dept: 0, input: 1_234_567, output: 345_678, ms: 9_000_000 },
    { hour: "2026-05-10T03:00:00Z", tenant: a, dept: 0, input: 2_000_001, output: 1_200_003, ms: 30_000_000 },
    { hour: "2026-05-10T03:00:00Z", tenant: a, dept: 1, input: 777_777, output: 111_111, ms: 4_000_000 },
    { hour: "2026-05-20T05:00:00Z", tenant: b, dept: 0, input: 3_333_333, output: 999_999, ms: 25_000_000 },
    { hour: "2026-05-31T15:00:00Z", tenant: b, dept: 1, input: 5_000, output: 7_000, ms: 100_000 },
    // Outside May (Shanghai): the last hour of April and the first of June.
    { hour: "2026-04-30T15:00:00Z", tenant: a, dept: 0, input: 9_999_999, output: 9_999_999, ms: 1 },
    { hour: "2026-05-31T16:00:00Z", tenant: b, dept: 0, input: 8_888_888, output: 8_888_888, ms: 1 },
  );
  for (const r of rows) await insertUsage(r);
});

const inMay = () => rows.filter((r) => r.hour >= "2026-04-30T16" && r.hour < "2026-05-31T16");

function expectedMonth() {
  const s = parseScenario(INPUTS);
  const cost = actualMonthCost({ scenario: s, monthOfLife: 2 });
  const input = sum(inMay().map((r) => r.input));
  const output = sum(inMay().map((r) => r.output));
  const hours = new Map<string, Decimal>();
  for (const r of inMay()) hours.set(r.hour, (hours.get(r.hour) ?? dec(0)).plus(r.output));
  const peak = [...hours.values()].reduce((m, v) => (v.gt(m) ? v : m), dec(0)).div(3600);
  return { s, cost, input, output, peak };
}

const cents = (v: string | Decimal) => roundMoney(v).toFixed(2);

describe("finance figures match the engine to the cent", () => {
  it("overview: cost, tokens, cost per 1K, utilisation, savings", async () => {
    const e = expectedMonth();
    const o = await platformOverview(MONTH, NOW);
    if (o.status !== "ok") throw new Error("no cost model");
    expect(o.cost.electricitySource).toBe("assumed");
    expect(cents(o.cost.total)).toBe(cents(e.cost.total));
    // 1,050 depreciation + 1,083.33 items + 350.40 electricity.
    expect(cents(o.cost.total)).toBe("2483.73");
    expect(o.tokens.input).toBe(e.input.toString());
    expect(o.tokens.output).toBe(e.output.toString());
    expect(o.costPer1k).toBe(costPer1kTokens(e.cost.total, e.input.plus(e.output))!.toString());
    const capacity = outputTokensPerMonth({ cards: 4, outputTokensPerSecondPerCard: 3580, hoursPerDay: 12, targetUtilisation: 1 });
    expect(o.utilisation).toBe(e.output.div(capacity).toString());
    const flat = o.alternatives.find((x) => x.name === "Flat API")!;
    const flatCost = priceApiUsage({ name: "f", unit: "1K", input: [{ upTo: null, price: "0.02" }], output: [{ upTo: null, price: "0.02" }] }, { inputTokens: e.input, outputTokens: e.output }).total;
    expect(cents(flat.cost)).toBe(cents(flatCost));
    expect(cents(flat.savings)).toBe(cents(flatCost.minus(e.cost.total)));
    const tiered = o.alternatives.find((x) => x.name === "Tiered API")!;
    const tieredCost = priceApiUsage(
      { name: "t", unit: "1M", input: [{ upTo: "1000000", price: "4" }, { upTo: null, price: "2.5" }], output: [{ upTo: null, price: "12" }] },
      { inputTokens: e.input, outputTokens: e.output },
    ).total;
    expect(cents(tiered.cost)).toBe(cents(tieredCost));
    const box = o.alternatives.find((x) => x.name === "GPU box")!;
    const boxCost = priceCloudUsage({ name: "b", price: "6.5", per: "hour", outputTokensPerSecond: "400" }, e.peak);
    expect(box.instances).toBe(boxCost.instances);
    expect(cents(box.cost)).toBe(cents(boxCost.total));
    // Other currencies and retired prices are not compared.
    expect(o.alternatives.map((x) => x.name).sort()).toEqual(["Flat API", "GPU box", "Tiered API"]);
    expect(o.assumptions.skippedCatalog.map((x) => x.name)).toEqual(["Dollar box"]);
    expect(o.cumulative.payback).not.toBeNull();
  });

  it("alternatives: the same prices and a break-even per entry", async () => {
    const e = expectedMonth();
    const r = await alternativesReport(MONTH, NOW);
    if (r.status !== "ok") throw new Error("no cost model");
    expect(cents(r.actualCost)).toBe(cents(e.cost.total));
    const flat = r.breakEven.find((x) => x.name === "Flat API")!;
    // 2,483.73 a month at 0.02 per 1K: 124,186,667 tokens.
    expect(dec(flat.tokensPerMonth!).toDecimalPlaces(0).toString()).toBe(e.cost.total.div("0.02").times(1000).toDecimalPlaces(0).toString());
    expect(flat.aboveBreakEven).toBe(false);
    expect(r.chart.points.length).toBeGreaterThan(10);
  });

  it("chargeback: lines sum exactly to the month's cost, as allocateCost says", async () => {
    const e = expectedMonth();
    for (const idle of ["SPREAD", "OVERHEAD"] as const) {
      const c = await clusterChargeback(MONTH, { idle }, NOW);
      if (c.status !== "ok") throw new Error("no cost model");
      expect(c.total).toBe(cents(e.cost.total));
      expect(sum(c.lines.map((l) => l.amount)).toFixed(2)).toBe(c.total);
      const units = new Map<string, Decimal>();
      for (const r of inMay()) {
        const id = r.tenant.departmentIds[r.dept];
        units.set(id, (units.get(id) ?? dec(0)).plus(weightedTokens(r.input, r.output, { input: 1, output: 3 })));
      }
      const used = sum(units.values());
      const capacity = outputTokensPerMonth({ cards: 4, outputTokensPerSecondPerCard: 3580, hoursPerDay: 12, targetUtilisation: 1 });
      const expected = allocateCost({
        total: e.cost.total,
        usage: [...units].map(([id, u]) => ({ id, units: u })),
        capacityUnits: used.times(capacity).div(e.output),
        idle: idle === "SPREAD" ? "spread" : "overhead",
      });
      expect(Object.fromEntries(c.lines.map((l) => [l.id, l.amount]))).toEqual(Object.fromEntries(expected.map((x) => [x.id, x.amount.toString()])));
      expect(c.lines.some((l) => l.overhead)).toBe(idle === "OVERHEAD");
    }
    const gpu = await clusterChargeback(MONTH, { method: "GPU_TIME" }, NOW);
    if (gpu.status !== "ok") throw new Error("no cost model");
    expect(sum(gpu.lines.map((l) => l.amount)).toFixed(2)).toBe(cents(e.cost.total));
  });

  it("a tenant sees its own lines and allocated cost only", async () => {
    const all = await clusterChargeback(MONTH, {}, NOW);
    const mine = await tenantChargeback(a.tenantId, MONTH, NOW);
    if (all.status !== "ok" || mine.status !== "ok") throw new Error("no cost model");
    expect(mine.lines.map((l) => l.departmentId).sort()).toEqual([...a.departmentIds].sort());
    const text = JSON.stringify(mine);
    for (const id of [b.tenantId, ...b.departmentIds]) expect(text).not.toContain(id);
    const ov = await tenantOverview(a.tenantId, MONTH, NOW);
    if (ov.status !== "ok") throw new Error("no cost model");
    expect(ov.allocatedCost).toBe(mine.total);
    expect(JSON.stringify(ov)).not.toContain(b.tenantId);
    const aLines = all.lines.filter((l) => l.tenantId === a.tenantId);
    expect(sum(aLines.map((l) => l.amount)).toString()).toBe(mine.total);
  });

  it("through the router: platform finance sees the cluster, a tenant's finance its tenant, a member nothing", async () => {
    const o = await a.finance.caller.finance.overview({ month: MONTH });
    expect(o.status).toBe("ok");
    const t = await b.finance.caller.finance.tenantChargeback({ tenantId: b.tenantId, month: MONTH });
    if (t.status !== "ok") throw new Error("no cost model");
    expect(t.lines.every((l) => l.tenantId === b.tenantId)).toBe(true);
    await expect(a.member.caller.finance.tenantOverview({ tenantId: a.tenantId, month: MONTH })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(a.admin.caller.finance.overview({ month: MONTH })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("cost model versions", () => {
  it("a month keeps the version that applied; a new version cannot start in the past", async () => {
    const june = await platformOverview("2026-06", NOW);
    if (june.status !== "ok") throw new Error("no cost model");
    expect(june.assumptions.costModel.version).toBe(2);
    expect(june.assumptions.electricity?.tariffPerKwh).toBe("0.9");
    const may = await platformOverview(MONTH, NOW);
    if (may.status !== "ok") throw new Error("no cost model");
    expect(may.assumptions.costModel.version).toBe(1);
    await expect(
      createCostModelVersion(null, { name: "late", effectiveMonth: "2026-05", inServiceMonth: "2026-04", inputs: INPUTS }, NOW),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      createCostModelVersion(null, { name: "bad", effectiveMonth: "2026-07", inServiceMonth: "2026-04", inputs: { name: "x", hardware: { bom: [] } } }, NOW),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("a month before any version has no cost model", async () => {
    expect((await platformOverview("2026-01", NOW)).status).toBe("noCostModel");
  });
});

describe("measured energy", () => {
  it("replaces assumed power when samples cover the period", async () => {
    const db = getDb();
    const node = await db.clusterNode.create({ data: { name: "energy-node", baseUrl: "http://127.0.0.1:9", model: "m" } });
    const from = new Date("2026-05-31T16:00:00Z").getTime(); // June 1st, Shanghai
    const samples = [];
    for (let t = from; t <= NOW.getTime(); t += 5 * 60_000) samples.push({ nodeId: node.id, at: new Date(t), healthy: true, powerWatts: 500 });
    await db.clusterNodeSample.createMany({ data: samples });
    const june = await platformOverview("2026-06", NOW);
    if (june.status !== "ok") throw new Error("no cost model");
    expect(june.cost.electricitySource).toBe("measured");
    // 500 W for 14.5 days = 174 kWh, at the June tariff of 0.9.
    expect(dec(june.cost.kwh!).toDecimalPlaces(6).toString()).toBe("174");
    expect(cents(june.cost.electricity)).toBe("156.60");
    // Fixed costs are charged for the elapsed share of the month.
    const s = parseScenario({ ...INPUTS, operating: { ...INPUTS.operating, electricity: { ...INPUTS.operating.electricity, tariffPerKwh: "0.9" } } });
    const expected = actualMonthCost({ scenario: s, monthOfLife: 3, fraction: dec(14.5).div(30), measuredKwh: "174" });
    expect(cents(june.cost.total)).toBe(cents(expected.total));
  });
});

describe("demo seed", () => {
  it("seeds the article's cost model and catalog once", async () => {
    const r = await seedFinanceDemo(NOW);
    // Versions exist already in this file's database: left alone.
    expect(r).toEqual({ costModel: false, catalog: false });
  });
});
