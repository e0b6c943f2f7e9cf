import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint, writeCheckpoint } from "./checkpoint";
import { decodeLine, encodeLine, validateEvent } from "./event";
import { readJournal } from "./journal-reader";
import { JournalWriter } from "./journal-writer";
import { lockJournalDir } from "./lock";
import { deleteSegmentsBefore, listSegments, parseSegmentName, segmentName, segmentPath } from "./segments";
import { sampleEvent } from "./testing/events";

const TENANT = randomUUID();
const DEPT = randomUUID();
const event = (n: number) => sampleEvent({ tenantId: TENANT, departmentId: DEPT, requestId: `r-${n}` });

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "journal-test-"));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("journal lines", () => {
  it("round-trips an event, dates and decimal cost included", () => {
    const e = sampleEvent({ tenantId: TENANT, departmentId: DEPT, cost: "12.34567891", ttftMs: null });
    const line = encodeLine(e);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    expect(decodeLine(line.slice(0, -1))).toEqual(e);
  });

  it("decodes a damaged line as null", () => {
    const line = encodeLine(event(1)).slice(0, -1);
    expect(decodeLine(line.slice(0, 40))).toBeNull();
    expect(decodeLine("null")).toBeNull();
    expect(decodeLine(JSON.stringify({ requestId: "x" }))).toBeNull();
  });

  it("refuses events PostgreSQL would refuse, before they reach the journal", () => {
    const bad = [
      { tenantId: "not-a-uuid" },
      { model: "a\u0000b" },
      { promptTokens: -1 },
      { completionTokens: 1.5 },
      { totalMs: 2 ** 31 },
      { cost: "1e5" },
      { cost: "-1" },
      { startedAt: new Date("nope") },
    ];
    for (const override of bad) expect(() => validateEvent({ ...event(1), ...override }), JSON.stringify(override)).toThrow();
  });
});

describe("segments and checkpoint", () => {
  it("names segments so that they sort by number", () => {
    expect(segmentName(7)).toBe("000000000007.journal");
    expect(parseSegmentName(segmentName(123))).toBe(123);
    expect(parseSegmentName("checkpoint.json")).toBeNull();
    expect(parseSegmentName("12.journal")).toBeNull();
  });

  it("writes the checkpoint atomically and reads it back", async () => {
    expect(await readCheckpoint(dir)).toBeNull();
    await writeCheckpoint(dir, { seq: 3, offset: 1234 });
    await writeCheckpoint(dir, { seq: 4, offset: 5 });
    expect(await readCheckpoint(dir)).toEqual({ seq: 4, offset: 5 });
    expect((await fs.readdir(dir)).sort()).toEqual(["checkpoint.json"]);
  });

  it("deletes only the segments wholly behind a position", async () => {
    for (const seq of [1, 2, 3]) await fs.writeFile(segmentPath(dir, seq), "");
    expect(await deleteSegmentsBefore(dir, { seq: 3, offset: 0 })).toEqual([1, 2]);
    expect(await listSegments(dir)).toEqual([3]);
  });

  it("lets one recorder at a time hold a journal folder", async () => {
    const release = await lockJournalDir(dir);
    await expect(lockJournalDir(dir)).rejects.toThrow(/in use/);
    await release();
    await (await lockJournalDir(dir))();
    // A lock left by a process that no longer exists is taken over.
    await fs.writeFile(path.join(dir, "LOCK"), "999999999");
    await (await lockJournalDir(dir))();
  });
});

describe("journal writer and reader", () => {
  const options = { fsyncIntervalMs: 2, maxGroup: 64, segmentBytes: 64 << 20 };

  it("acknowledges concurrent appends in groups and reads them back in order", async () => {
    const writer = await JournalWriter.open(dir, 1, options);
    await Promise.all(Array.from({ length: 500 }, (_, i) => writer.append(encodeLine(event(i)))));
    expect(writer.journaled).toBe(500);
    const batch = await readJournal(dir, { seq: 1, offset: 0 }, writer.durable, 1000);
    expect(batch.events.map((e) => e.requestId)).toEqual(Array.from({ length: 500 }, (_, i) => `r-${i}`));
    expect(batch.end).toEqual(writer.durable);
    await writer.close();
  });

  it("reads in batches that resume where the last one ended", async () => {
    const writer = await JournalWriter.open(dir, 1, options);
    await Promise.all(Array.from({ length: 25 }, (_, i) => writer.append(encodeLine(event(i)))));
    const first = await readJournal(dir, { seq: 1, offset: 0 }, writer.durable, 10);
    const second = await readJournal(dir, first.end, writer.durable, 10);
    const third = await readJournal(dir, second.end, writer.durable, 10);
    expect([first, second, third].map((b) => b.events.length)).toEqual([10, 10, 5]);
    expect(third.events.at(-1)?.requestId).toBe("r-24");
    expect(await readJournal(dir, third.end, writer.durable, 10)).toMatchObject({ events: [], end: third.end });
    await writer.close();
  });

  it("rotates segments and reads across them", async () => {
    const writer = await JournalWriter.open(dir, 1, { ...options, maxGroup: 1, segmentBytes: 2000 });
    for (let i = 0; i < 20; i++) await writer.append(encodeLine(event(i)));
    await writer.sync();
    expect((await listSegments(dir)).length).toBeGreaterThan(3);
    const batch = await readJournal(dir, { seq: 1, offset: 0 }, writer.durable, 100);
    expect(batch.events).toHaveLength(20);
    expect(batch.end).toEqual(writer.durable);
    await writer.close();
  });

  it("skips a torn tail in an earlier segment and goes on with the next", async () => {
    await fs.writeFile(segmentPath(dir, 1), encodeLine(event(1)) + encodeLine(event(2)) + encodeLine(event(3)).slice(0, 50));
    const writer = await JournalWriter.open(dir, 2, options);
    await writer.append(encodeLine(event(4)));
    const batch = await readJournal(dir, { seq: 1, offset: 0 }, writer.durable, 100);
    expect(batch.events.map((e) => e.requestId)).toEqual(["r-1", "r-2", "r-4"]);
    expect(batch.recent).toBe(1);
    await writer.close();
  });

  it("skips a damaged line but keeps the lines after it", async () => {
    await fs.writeFile(segmentPath(dir, 1), `${encodeLine(event(1))}{"garbage\n${encodeLine(event(2))}`);
    const writer = await JournalWriter.open(dir, 2, options);
    const batch = await readJournal(dir, { seq: 1, offset: 0 }, writer.durable, 100);
    expect(batch.events.map((e) => e.requestId)).toEqual(["r-1", "r-2"]);
    expect(batch.end).toEqual({ seq: 2, offset: 0 });
    await writer.close();
  });
});
