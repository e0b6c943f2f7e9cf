import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { createRecorder } from "./index";
import { listSegments, segmentPath } from "./segments";
import { createUsageTenant, rollupVersusRaw } from "./testing/database";

const CHILD = path.join(import.meta.dirname, "testing/crash-child.ts");
let dir = "";
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

// Starts the child and SIGKILLs it as soon as it has acknowledged `atLeast`
// events; returns the highest acknowledged index.
function recordThenKill(args: string[], atLeast: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] });
    let acked = -1;
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      for (const m of d.toString().matchAll(/acked (\d+)/g)) acked = Math.max(acked, Number(m[1]));
      if (acked + 1 >= atLeast) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve(acked) : reject(new Error(`child exited on its own: ${stderr}`))));
  });
}

it("every event acknowledged before a SIGKILL is in PostgreSQL exactly once after the next start", async () => {
  const t = await createUsageTenant("crash");
  dir = await fs.mkdtemp("/tmp/usage-crash-");
  const acked = await recordThenKill([dir, process.env.DATABASE_URL!, t.tenantId, t.departmentId], 1000);
  expect(acked).toBeGreaterThanOrEqual(999);
  const db = getDb();
  expect(await db.usageEvent.count({ where: { tenantId: t.tenantId } })).toBe(0);

  // A crash in the middle of a write leaves half a line at the end.
  const last = (await listSegments(dir)).at(-1)!;
  await fs.appendFile(segmentPath(dir, last), '{"requestId":"torn-1","tenantId":"');

  const recorder = await createRecorder({ journalDir: dir, connectionString: process.env.DATABASE_URL! });
  await recorder.close();
  const ids = (await db.usageEvent.findMany({ where: { tenantId: t.tenantId }, select: { requestId: true } })).map((r) => r.requestId);
  const indexes = new Set(ids.map((id) => Number(id.replace("crash-", ""))));
  expect(indexes.size).toBe(ids.length);
  for (let i = 0; i <= acked; i++) expect(indexes.has(i), `crash-${i}`).toBe(true);
  expect(ids).not.toContain("torn-1");
  const { raw, rolled } = await rollupVersusRaw(t.tenantId);
  expect(rolled).toEqual(raw);

  // A second start finds nothing left to replay.
  const again = await createRecorder({ journalDir: dir, connectionString: process.env.DATABASE_URL! });
  await again.close();
  expect(again.stats().written).toBe(0);
  expect(await db.usageEvent.count({ where: { tenantId: t.tenantId } })).toBe(ids.length);
}, 60_000);
