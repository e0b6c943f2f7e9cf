import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import type { UsageEventInput } from "./event";
import { createRecorder, departmentUsage, myUsage, recentRequests, tenantUsage } from "./index";
import { createUsageTenant } from "./testing/database";
import { sampleEvent } from "./testing/events";

// Asia/Shanghai is UTC+8: 15:30Z is 23:30 local, 16:30Z is 00:30 the next day.
const NOW = new Date("2026-03-12T04:00:00Z");
let dir = "";
let t: { tenantId: string; departmentId: string };
let secondDepartmentId: string;
let other: { tenantId: string; departmentId: string };
const alice = randomUUID();
const bob = randomUUID();
let keyId: string;

const at = (iso: string, totalMs = 200) => ({ startedAt: new Date(iso), endedAt: new Date(Date.parse(iso) + totalMs), totalMs });

beforeAll(async () => {
  const db = getDb();
  t = await createUsageTenant("q");
  other = await createUsageTenant("q-other");
  secondDepartmentId = (await db.department.create({ data: { tenantId: t.tenantId, slug: "two", name: "Second" } })).id;
  for (const [id, name] of [[alice, "Alice"], [bob, "Bob"]] as const) {
    await db.user.create({ data: { id, email: `${name.toLowerCase()}-${id}@q.test`, name } });
    await db.membership.create({ data: { tenantId: t.tenantId, userId: id, role: "MEMBER" } });
  }
  keyId = (
    await db.apiKey.create({
      data: { tenantId: t.tenantId, departmentId: secondDepartmentId, kind: "SERVICE", name: "etl", prefix: `sk-${randomUUID().slice(0, 8)}`, hash: randomUUID(), endpoints: [], models: [] },
    })
  ).id;

  const events: UsageEventInput[] = [
    sampleEvent({ ...t, userId: alice, ...at("2026-03-10T15:30:00Z", 100), promptTokens: 100, completionTokens: 10, cost: "0.5", ttftMs: 10 }),
    sampleEvent({ ...t, userId: alice, ...at("2026-03-10T16:30:00Z", 300), promptTokens: 200, completionTokens: 20, cost: "0.25", ttftMs: 30, tokenSource: "estimated" }),
    sampleEvent({ ...t, userId: alice, ...at("2026-03-05T15:59:00Z"), promptTokens: 7, completionTokens: 1, cost: null }),
    sampleEvent({
      tenantId: t.tenantId, departmentId: secondDepartmentId, userId: bob, apiKeyId: keyId, ...at("2026-03-11T01:00:00Z"),
      model: "other-model", promptTokens: 1000, completionTokens: 100, status: "upstream_error", httpStatus: 502, cost: "1",
    }),
    sampleEvent({ ...t, userId: null, ...at("2026-03-11T02:00:00Z"), promptTokens: 5, completionTokens: 5, cost: "0" }),
    sampleEvent({ ...other, userId: alice, ...at("2026-03-10T15:30:00Z"), promptTokens: 99999, completionTokens: 1, cost: "9" }),
  ];
  dir = await fs.mkdtemp("/tmp/usage-queries-");
  const recorder = await createRecorder({ journalDir: dir, connectionString: process.env.DATABASE_URL! });
  await Promise.all(events.map((e) => recorder.record(e)));
  await recorder.close();
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe("usage queries", () => {
  it("sums a member's own usage by local day and by model, with latency from the raw events", async () => {
    const mine = await myUsage(t.tenantId, alice, { days: 7, now: NOW });
    expect(mine.window.from.toISOString()).toBe("2026-03-05T16:00:00.000Z");
    expect(mine.totals).toMatchObject({ requests: 2, errors: 0, estimated: 1, promptTokens: 300, completionTokens: 30, cost: "0.75000000" });
    expect(mine.byDay.map((d) => d.day)).toEqual(["2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12"]);
    const day = (d: string) => mine.byDay.find((x) => x.day === d);
    expect(day("2026-03-10")).toMatchObject({ requests: 1, promptTokens: 100, completionTokens: 10 });
    expect(day("2026-03-11")).toMatchObject({ requests: 1, promptTokens: 200, completionTokens: 20 });
    expect(day("2026-03-12")).toMatchObject({ requests: 0, promptTokens: 0, cost: "0" });
    expect(mine.byModel).toEqual([expect.objectContaining({ model: "Qwen/Qwen2.5-7B-Instruct", requests: 2 })]);
    expect(mine.latency).toEqual({ p50TotalMs: 200, avgTotalMs: 200, p50TtftMs: 20, avgTtftMs: 20 });
  });

  it("takes the local midnight as the start of the range", async () => {
    const mine = await myUsage(t.tenantId, alice, { days: 30, now: NOW });
    expect(mine.totals.requests).toBe(3);
    expect(mine.byDay.find((d) => d.day === "2026-03-05")?.promptTokens).toBe(7);
    expect(mine.byDay).toHaveLength(30);
  });

  it("breaks a tenant's usage down by member, key, model and department", async () => {
    const all = await departmentUsage(t.tenantId, null, { days: 7, now: NOW });
    expect(all.totals).toMatchObject({ requests: 4, errors: 1, promptTokens: 1305, cost: "1.75000000" });
    expect(all.byMember).toEqual([
      expect.objectContaining({ userId: bob, name: "Bob", requests: 1, promptTokens: 1000 }),
      expect.objectContaining({ userId: alice, name: "Alice", requests: 2 }),
      expect.objectContaining({ userId: null, name: null, requests: 1 }),
    ]);
    expect(all.byKey).toEqual([
      expect.objectContaining({ apiKeyId: keyId, name: "etl", requests: 1 }),
      expect.objectContaining({ apiKeyId: null, requests: 3 }),
    ]);
    expect(all.byDepartment).toEqual([
      expect.objectContaining({ departmentId: secondDepartmentId, name: "Second", requests: 1 }),
      expect.objectContaining({ departmentId: t.departmentId, name: "Dept", requests: 3 }),
    ]);
    expect(all.byModel.map((m) => m.model)).toEqual(["other-model", "Qwen/Qwen2.5-7B-Instruct"]);
    const tenant = await tenantUsage(t.tenantId, { days: 7, now: NOW });
    expect(tenant.byDepartment).toEqual(all.byDepartment);
  });

  it("narrows to the departments asked for and refuses another tenant's", async () => {
    const second = await departmentUsage(t.tenantId, [secondDepartmentId], { days: 7, now: NOW });
    expect(second.totals.requests).toBe(1);
    expect(second.byMember.map((m) => m.userId)).toEqual([bob]);
    await expect(departmentUsage(t.tenantId, [other.departmentId], { days: 7, now: NOW })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists a member's recent requests newest first, page by page", async () => {
    const first = await recentRequests(t.tenantId, alice, { limit: 2 });
    expect(first.items.map((r) => r.startedAt.toISOString())).toEqual(["2026-03-10T16:30:00.000Z", "2026-03-10T15:30:00.000Z"]);
    expect(first.items[0]).toMatchObject({ estimated: true, cost: "0.25", totalMs: 300 });
    const second = await recentRequests(t.tenantId, alice, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((r) => r.cost)).toEqual([null]);
    expect(second.nextCursor).toBeNull();
    await expect(recentRequests(t.tenantId, alice, { limit: 2, cursor: "garbage" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
