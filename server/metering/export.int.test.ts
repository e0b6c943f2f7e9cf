import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportUsage, type ExportFormat, type ExportRange } from "./export";
import { createRecorder } from "./index";
import { createUsageTenant } from "./testing/database";
import { sampleEvent } from "./testing/events";

let dir = "";
let t: { tenantId: string; slug: string; departmentId: string };

beforeAll(async () => {
  t = await createUsageTenant("export");
  // 2026-03-09 and 2026-03-10 in Shanghai, the second a minute after local midnight.
  const times = ["2026-03-09T03:00:00Z", "2026-03-09T15:59:00Z", "2026-03-09T16:01:00Z"];
  dir = await fs.mkdtemp("/tmp/usage-export-");
  const recorder = await createRecorder({ journalDir: dir, connectionString: process.env.DATABASE_URL! });
  await Promise.all(
    times.map((iso, i) => recorder.record(sampleEvent({ ...t, requestId: `exp-${i}`, endedAt: new Date(iso), cost: i === 2 ? null : "0.00000001", model: 'model "quoted", with comma' }))),
  );
  await recorder.close();
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function collect(range: ExportRange, format: ExportFormat) {
  let out = "";
  const count = await exportUsage(t.tenantId, range, format, async (chunk) => {
    out += chunk;
  });
  return { count, out };
}

describe("usage export", () => {
  it("writes CSV with a header and one row per event, oldest first", async () => {
    const { count, out } = await collect({}, "csv");
    expect(count).toBe(3);
    const parsed = Papa.parse<Record<string, string>>(out.trim(), { header: true });
    expect(parsed.data.map((r) => r.requestId)).toEqual(["exp-0", "exp-1", "exp-2"]);
    expect(parsed.data[0]).toMatchObject({ model: 'model "quoted", with comma', cost: "0.00000001", status: "ok", promptTokens: "30" });
    expect(parsed.data[2]?.cost).toBe("");
  });

  it("takes local calendar days in the tenant's time zone", async () => {
    expect((await collect({ from: "2026-03-09", to: "2026-03-09" }, "json")).count).toBe(2);
    const next = await collect({ from: "2026-03-10" }, "json");
    expect(JSON.parse(next.out).map((r: { requestId: string }) => r.requestId)).toEqual(["exp-2"]);
    expect(JSON.parse((await collect({ to: "2026-03-01" }, "json")).out)).toEqual([]);
    await expect(collect({ from: "9 March" }, "csv")).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("is what `cli usage export` prints", async () => {
    const main = path.join(import.meta.dirname, "../cli/main.ts");
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", main, "usage", "export", "--tenant", t.slug, "--format", "csv"], {
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^requestId,startedAt,endedAt,/);
    expect(lines).toHaveLength(4);
  }, 60_000);
});
