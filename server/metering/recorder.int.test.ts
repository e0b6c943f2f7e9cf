import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import type { UsageEventInput } from "./event";
import { createRecorder, rebuildHourly, type Recorder } from "./index";
import { listSegments } from "./segments";
import { createUsageTenant, rollupVersusRaw } from "./testing/database";
import { sampleEvent } from "./testing/events";

const url = () => process.env.DATABASE_URL!;
const dirs: string[] = [];
async function journalDir(): Promise<string> {
  const dir = await fs.mkdtemp("/tmp/usage-journal-");
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
});

const countRows = (tenantId: string) => getDb().usageEvent.count({ where: { tenantId } });

function manyEvents(t: { tenantId: string; departmentId: string }, n: number): UsageEventInput[] {
  const users = [randomUUID(), randomUUID(), null];
  const base = Date.parse("2026-03-01T00:00:00Z");
  return Array.from({ length: n }, (_, i) =>
    sampleEvent({
      ...t,
      userId: users[i % 3]!,
      model: i % 2 ? "Qwen/Qwen2.5-7B-Instruct" : "Qwen/Qwen2.5-7B-Instruct-AWQ",
      promptTokens: 10 + (i % 17),
      completionTokens: i % 29,
      cachedTokens: i % 5,
      totalMs: 100 + i,
      tokenSource: i % 7 ? "upstream" : "estimated",
      status: i % 11 ? "ok" : "upstream_error",
      cost: i % 13 ? `0.0000${i % 10}123` : null,
      // Spread over about a day and a half of hours.
      endedAt: new Date(base + i * 60_000),
    }),
  );
}

describe("durable recorder", () => {
  let t: { tenantId: string; departmentId: string };
  let events: UsageEventInput[];

  beforeAll(async () => {
    t = await createUsageTenant("rec");
    events = manyEvents(t, 2000);
  });

  it("stores 2,000 concurrent records exactly once, with rollups equal to the raw sums", async () => {
    const recorder = await createRecorder({ journalDir: await journalDir(), connectionString: url() });
    await Promise.all(events.map((e) => recorder.record(e)));
    expect(recorder.stats().journaled).toBe(2000);
    await recorder.flush();
    expect(recorder.stats()).toMatchObject({ journaled: 2000, written: 2000, backlog: 0 });
    await recorder.close();
    expect(await countRows(t.tenantId)).toBe(2000);
    const { raw, rolled } = await rollupVersusRaw(t.tenantId);
    expect(rolled).toEqual(raw);
    expect(raw.length).toBeGreaterThan(30);
  });

  it("stores nothing twice when the same events are recorded again", async () => {
    const before = await rollupVersusRaw(t.tenantId);
    const recorder = await createRecorder({ journalDir: await journalDir(), connectionString: url() });
    await Promise.all(events.map((e) => recorder.record(e)));
    await recorder.close();
    expect(recorder.stats()).toMatchObject({ journaled: 2000, written: 0, backlog: 0 });
    expect(await countRows(t.tenantId)).toBe(2000);
    expect(await rollupVersusRaw(t.tenantId)).toEqual(before);
  });

  it("rebuilds the rollups from the raw events to the same numbers", async () => {
    const before = await getDb().usageHourly.findMany({ where: { tenantId: t.tenantId }, orderBy: [{ hour: "asc" }, { userId: "asc" }, { model: "asc" }] });
    await getDb().usageHourly.updateMany({ where: { tenantId: t.tenantId }, data: { requests: 0 } });
    await rebuildHourly(t.tenantId);
    const after = await getDb().usageHourly.findMany({ where: { tenantId: t.tenantId }, orderBy: [{ hour: "asc" }, { userId: "asc" }, { model: "asc" }] });
    expect(after).toEqual(before);
  });

  it("keeps the decimal cost exact and marks absent users and keys with the nil UUID", async () => {
    const u = await createUsageTenant("exact");
    const recorder = await createRecorder({ journalDir: await journalDir(), connectionString: url() });
    const at = new Date("2026-03-02T10:15:00Z");
    await recorder.record(sampleEvent({ ...u, cost: "0.10000001", endedAt: at }));
    await recorder.record(sampleEvent({ ...u, cost: "0.20000002", endedAt: at }));
    await recorder.close();
    const [hour] = await getDb().usageHourly.findMany({ where: { tenantId: u.tenantId } });
    expect(hour?.cost.toString()).toBe("0.30000003");
    expect(hour?.hour.toISOString()).toBe("2026-03-02T10:00:00.000Z");
    expect(hour?.userId).toBe("00000000-0000-0000-0000-000000000000");
    expect(hour?.apiKeyId).toBe("00000000-0000-0000-0000-000000000000");
  });

  it("counts a request id that appears twice in one batch once", async () => {
    const u = await createUsageTenant("dup");
    const recorder = await createRecorder({ journalDir: await journalDir(), connectionString: url() });
    const e = sampleEvent(u);
    await Promise.all([recorder.record(e), recorder.record(e)]);
    await recorder.close();
    expect(await countRows(u.tenantId)).toBe(1);
    expect((await getDb().usageHourly.findFirst({ where: { tenantId: u.tenantId } }))?.requests).toBe(1);
  });

  it("deletes journal segments once they are in PostgreSQL", async () => {
    const u = await createUsageTenant("rotate");
    const dir = await journalDir();
    const recorder = await createRecorder({ journalDir: dir, connectionString: url(), segmentBytes: 4096, flushIntervalMs: 60_000 });
    const batch = manyEvents(u, 200);
    for (let i = 0; i < 200; i += 10) await Promise.all(batch.slice(i, i + 10).map((e) => recorder.record(e)));
    expect((await listSegments(dir)).length).toBeGreaterThan(5);
    await recorder.flush();
    expect((await listSegments(dir)).length).toBe(1);
    await recorder.close();
    expect(await countRows(u.tenantId)).toBe(200);
  });

  it("refuses an event PostgreSQL could not store, without journaling it", async () => {
    const u = await createUsageTenant("bad");
    const recorder = await createRecorder({ journalDir: await journalDir(), connectionString: url() });
    await expect(recorder.record(sampleEvent({ ...u, userId: "nope" }))).rejects.toThrow();
    await recorder.record(sampleEvent(u));
    await recorder.close();
    expect(recorder.stats().journaled).toBe(1);
    expect(await countRows(u.tenantId)).toBe(1);
  });

  it("keeps journaling while PostgreSQL is unreachable; a later start stores everything", async () => {
    const u = await createUsageTenant("down");
    const dir = await journalDir();
    const unreachable = new URL(url());
    unreachable.port = "1";
    const offline = await createRecorder({ journalDir: dir, connectionString: unreachable.toString(), flushIntervalMs: 20 });
    const batch = manyEvents(u, 300);
    await Promise.all(batch.map((e) => offline.record(e)));
    await expect(offline.flush()).rejects.toThrow();
    expect(offline.stats()).toMatchObject({ journaled: 300, written: 0, backlog: 300 });
    await offline.close();
    expect(await countRows(u.tenantId)).toBe(0);

    const online = await createRecorder({ journalDir: dir, connectionString: url() });
    expect(online.stats().written).toBe(300);
    await online.close();
    expect(await countRows(u.tenantId)).toBe(300);
  });
});

describe("recorder throughput", () => {
  it("writes 20,000 events to PostgreSQL and reports its flush lag", async () => {
    const u = await createUsageTenant("speed");
    const recorder: Recorder = await createRecorder({ journalDir: await journalDir(), connectionString: url() });
    const started = performance.now();
    const batch = Array.from({ length: 20_000 }, () => sampleEvent(u));
    await Promise.all(batch.map((e) => recorder.record(e)));
    const journaledMs = performance.now() - started;
    await recorder.flush();
    const totalMs = performance.now() - started;
    const { lastFlushLagMs } = recorder.stats();
    await recorder.close();
    expect(await countRows(u.tenantId)).toBe(20_000);
    console.log(
      `usage recorder: 20,000 events journaled in ${journaledMs.toFixed(0)} ms (${Math.round(20_000 / (journaledMs / 1000))}/s), ` +
        `in PostgreSQL after ${totalMs.toFixed(0)} ms (${Math.round(20_000 / (totalMs / 1000))}/s); last flush lag ${lastFlushLagMs} ms`,
    );
  }, 120_000);
});
