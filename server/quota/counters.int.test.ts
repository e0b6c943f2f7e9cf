import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { createTenantFixture, type TenantFixture } from "@/server/trpc/testing/fixtures";
import { createQuotaGate, type QuotaGate } from "./gate";
import { setQuota, type QuotaActor } from "./service";
import { countersVersusEvents, holdsOf } from "./testing";
import type { QuotaSettings } from "./schema";

let gate: QuotaGate;

beforeAll(async () => {
  gate = await createQuotaGate({ connectionString: process.env.DATABASE_URL!, sweepMs: 3_600_000 });
});
afterAll(async () => {
  await gate.close();
});

async function withQuota(label: string, settings: Omit<QuotaSettings, "departmentId">, timezone = "Asia/Shanghai"): Promise<{ t: TenantFixture; actor: QuotaActor; quotaId: string }> {
  const t = await createTenantFixture(label);
  await getDb().tenant.update({ where: { id: t.tenantId }, data: { timezone } });
  const actor = { userId: t.admin.userId, tenantId: t.tenantId };
  const quota = await setQuota(actor, { departmentId: t.departmentIds[0], ...settings });
  await gate.refresh();
  return { t, actor, quotaId: quota.id };
}

const callerOf = (t: TenantFixture) => ({ tenantId: t.tenantId, departmentId: t.departmentIds[0], userId: t.member.userId, apiKeyId: t.apiKeyId });

// A usage event as the recorder stores it: the trigger settles it.
async function event(t: TenantFixture, requestId: string, at: Date, prompt: number, completion: number, cost: string | null = null) {
  await getDb().usageEvent.create({
    data: {
      requestId,
      tenantId: t.tenantId,
      departmentId: t.departmentIds[0],
      userId: t.member.userId,
      apiKeyId: t.apiKeyId,
      model: "m",
      endpoint: "chat.completions",
      stream: false,
      promptTokens: prompt,
      completionTokens: completion,
      tokenSource: "upstream",
      status: "ok",
      httpStatus: 200,
      queueMs: 0,
      totalMs: 1,
      cost,
      startedAt: at,
      endedAt: at,
    },
  });
}

const counters = (quotaId: string) => getDb().quotaCounter.findMany({ where: { quotaId }, orderBy: { periodStart: "asc" } });

describe("settlement", () => {
  it("a request that turns out larger than its estimate is charged its actual usage", async () => {
    const { t, quotaId } = await withQuota("larger", { tokenLimit: 1000 });
    const requestId = randomUUID();
    const at = new Date();
    await gate.admit({ requestId, caller: callerOf(t), promptTokens: 10, completionTokens: 5, at });
    expect((await counters(quotaId))[0]).toMatchObject({ reservedTokens: 15n, usedTokens: 0n });
    await event(t, requestId, at, 10, 90);
    expect((await counters(quotaId))[0]).toMatchObject({ reservedTokens: 0n, usedTokens: 100n, requests: 1 });
    expect(await holdsOf(t.tenantId)).toBe(0);
  });

  it("output-weighted tokens count completion tokens times the weight", async () => {
    const { t, quotaId } = await withQuota("weighted", { tokenLimit: 1000, outputWeight: 3 });
    await event(t, randomUUID(), new Date(), 10, 20);
    expect((await counters(quotaId))[0]!.usedTokens).toBe(70n);
  });

  it("a replayed event (same request id) is not counted twice", async () => {
    const { t, quotaId } = await withQuota("replay", { tokenLimit: 1000 });
    const requestId = randomUUID();
    await event(t, requestId, new Date(), 10, 10);
    await getDb().$executeRaw`INSERT INTO "UsageEvent" SELECT * FROM "UsageEvent" WHERE "requestId" = ${requestId} ON CONFLICT DO NOTHING`;
    expect((await counters(quotaId))[0]!.usedTokens).toBe(20n);
  });

  it("the sweeper releases the holds of requests that never settled", async () => {
    const { t, quotaId } = await withQuota("sweep", { tokenLimit: 1000 });
    const at = new Date(Date.now() - 20 * 60_000);
    await gate.admit({ requestId: randomUUID(), caller: callerOf(t), promptTokens: 100, completionTokens: 100, at });
    await gate.admit({ requestId: randomUUID(), caller: callerOf(t), promptTokens: 1, completionTokens: 1, at: new Date() });
    expect((await counters(quotaId)).at(-1)!.reservedTokens).toBe(202n);
    // The first hold expired (15 minutes), the second has not.
    expect(await gate.sweep()).toBe(1);
    expect((await counters(quotaId)).at(-1)!.reservedTokens).toBe(2n);
    expect(await holdsOf(t.tenantId)).toBe(1);
  });
});

describe("periods in the tenant's time zone", () => {
  it("a month boundary in Asia/Shanghai resets the counter", async () => {
    const { t, quotaId } = await withQuota("month", { tokenLimit: 100, period: "MONTH" });
    // 23:59:59 on 31 January and 00:00:00 on 1 February in Shanghai (UTC+8).
    const lastSecond = new Date("2026-01-31T15:59:59Z");
    const firstSecond = new Date("2026-01-31T16:00:00Z");
    await gate.admit({ requestId: "jan", caller: callerOf(t), promptTokens: 50, completionTokens: 50, at: lastSecond });
    await event(t, "jan", lastSecond, 50, 50);
    await expect(gate.admit({ requestId: "jan-2", caller: callerOf(t), promptTokens: 1, completionTokens: 1, at: lastSecond })).rejects.toMatchObject({ reason: "insufficient_quota" });
    await gate.admit({ requestId: "feb", caller: callerOf(t), promptTokens: 50, completionTokens: 50, at: firstSecond });
    const [jan, feb] = (await counters(quotaId)).filter((c) => c.periodStart < new Date("2026-03-01"));
    expect(jan).toMatchObject({ periodStart: new Date("2025-12-31T16:00:00Z"), periodEnd: firstSecond, usedTokens: 100n });
    expect(feb).toMatchObject({ periodStart: firstSecond, periodEnd: new Date("2026-02-28T16:00:00Z"), usedTokens: 0n, reservedTokens: 100n });
  });

  it("days and weeks follow the zone's own midnight, across a DST change", async () => {
    const { t, quotaId } = await withQuota("dst", { tokenLimit: 100, period: "DAY" }, "America/New_York");
    // 8 March 2026: clocks go forward at 02:00 local; the day is 23 hours long.
    await gate.admit({ requestId: randomUUID(), caller: callerOf(t), promptTokens: 1, completionTokens: 0, at: new Date("2026-03-08T12:00:00Z") });
    const day = (await counters(quotaId)).find((c) => c.periodStart < new Date("2026-04-01"));
    expect(day).toMatchObject({ periodStart: new Date("2026-03-08T05:00:00Z"), periodEnd: new Date("2026-03-09T04:00:00Z") });
    const week = await withQuota("week", { tokenLimit: 100, period: "WEEK" }, "Asia/Shanghai");
    await gate.admit({ requestId: randomUUID(), caller: callerOf(week.t), promptTokens: 1, completionTokens: 0, at: new Date("2026-12-23T12:00:00Z") });
    // Weeks start on Monday (21 December 2026) at midnight in Shanghai.
    expect((await counters(week.quotaId)).map((c) => [c.periodStart, c.periodEnd])).toContainEqual([new Date("2026-12-20T16:00:00Z"), new Date("2026-12-27T16:00:00Z")]);
  });
});

describe("a quota set mid-period", () => {
  it("counts the period's use so far", async () => {
    const t = await createTenantFixture("midway");
    await event(t, randomUUID(), new Date(), 30, 12);
    const quota = await setQuota({ userId: null, tenantId: t.tenantId }, { departmentId: t.departmentIds[0], tokenLimit: 1000 });
    expect(await counters(quota.id)).toMatchObject([{ usedTokens: 42n, requests: 1 }]);
    await event(t, randomUUID(), new Date(), 1, 1);
    expect(await counters(quota.id)).toMatchObject([{ usedTokens: 44n, requests: 2 }]);
    await expectCountersMatch(t.tenantId);
  });
});

describe("alerts", () => {
  it("each threshold fires exactly once per period", async () => {
    const { t, quotaId } = await withQuota("alerts", { tokenLimit: 1000, hard: false });
    const start = new Date("2026-03-01T00:00:00+08:00");
    const at = (day: number) => new Date(start.getTime() + day * 86_400_000);
    const thresholds = async () => (await getDb().quotaAlert.findMany({ where: { quotaId, kind: "threshold" }, orderBy: [{ periodStart: "asc" }, { threshold: "asc" }] })).map((a) => `${a.periodStart.toISOString().slice(0, 7)}:${a.threshold}`);
    // Late in the month, so that no forecast fires along the way.
    for (let i = 0; i < 3; i++) await event(t, randomUUID(), at(28), 300, 0);
    expect(await thresholds()).toEqual(["2026-02:50", "2026-02:80"]);
    for (let i = 0; i < 5; i++) await event(t, randomUUID(), at(29), 300, 0);
    expect(await thresholds()).toEqual(["2026-02:50", "2026-02:80", "2026-02:100"]);
    // The next month starts again.
    for (let i = 0; i < 2; i++) await event(t, randomUUID(), at(31), 300, 0);
    expect(await thresholds()).toEqual(["2026-02:50", "2026-02:80", "2026-02:100", "2026-03:50"]);
    await expectCountersMatch(t.tenantId);
  });

  it("a forecast that says the budget runs out before the period ends fires once", async () => {
    const { t, quotaId } = await withQuota("forecast", { tokenLimit: 1000 });
    const start = new Date("2026-04-01T00:00:00+08:00");
    // 40 % used after 6 of 30 days: at this rate, exhausted around day 15.
    await event(t, randomUUID(), new Date(start.getTime() + 6 * 86_400_000), 400, 0);
    await event(t, randomUUID(), new Date(start.getTime() + 7 * 86_400_000), 10, 0);
    const alerts = await getDb().quotaAlert.findMany({ where: { quotaId }, orderBy: { kind: "asc" } });
    expect(alerts.map((a) => a.kind)).toEqual(["forecast"]);
  });
});

async function expectCountersMatch(tenantId: string) {
  for (const c of await countersVersusEvents(tenantId)) {
    expect(c.usedTokens).toBe(c.eventTokens);
    expect(c.requests).toBe(c.events);
  }
}
