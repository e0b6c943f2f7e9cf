import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerNodes } from "@/server/cluster";
import { freePort } from "@/server/db/embedded";
import { getDb } from "@/server/db";
import { createTenantFixture, type TenantFixture } from "@/server/trpc/testing/fixtures";
import { DEFAULT_MODEL, startSimCluster, type SimCluster } from "@/sim";
import { newKey, waitFor } from "./testing/harness";

const SECRET_PROMPT = "SECRET-PROMPT-7f3a do not log me";
let sim: SimCluster;
let tenant: TenantFixture;
let key: string;
let port: number;
const dataDir = fs.mkdtempSync("/tmp/gateway-crash-");
let output = "";

function startGateway(): ChildProcess {
  // Node itself, not npx: a SIGKILL must hit the gateway, not a wrapper
  // that would leave it running.
  const child = spawn(process.execPath, ["--import", "tsx", "server/gateway-main.ts"], {
    env: { ...process.env, GATEWAY_PORT: String(port), GATEWAY_DATA_DIR: dataDir, LOG_LEVEL: "debug", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  return child;
}

const client = () => new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: key, maxRetries: 0, timeout: 10_000 });

async function ready(): Promise<void> {
  await waitFor(async () => {
    try {
      await client().models.list();
      return true;
    } catch {
      return false;
    }
  }, 60_000);
}

beforeAll(async () => {
  sim = await startSimCluster({ nodes: 2, basePort: 0, speed: 0 });
  await registerNodes(sim.nodes.map((n, i) => ({ name: `crash-${i}`, baseUrl: n.url, model: DEFAULT_MODEL })));
  tenant = await createTenantFixture("crash");
  key = await newKey(tenant);
  port = await freePort();
}, 60_000);

afterAll(async () => {
  await sim.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// One worker: requests in a loop until the gateway dies; returns the ids of
// the requests whose answers arrived whole.
async function worker(n: number, stop: () => boolean): Promise<string[]> {
  const answered: string[] = [];
  for (let i = 0; !stop(); i++) {
    const messages = [{ role: "user" as const, content: `${SECRET_PROMPT} ${n}-${i}` }];
    try {
      if (i % 2 === 0) {
        const { response } = await client().chat.completions.create({ model: DEFAULT_MODEL, messages, max_tokens: 4 }).withResponse();
        answered.push(response.headers.get("x-request-id")!);
      } else {
        const { data, response } = await client().chat.completions.create({ model: DEFAULT_MODEL, messages, max_tokens: 4, stream: true }).withResponse();
        for await (const chunk of data) void chunk;
        answered.push(response.headers.get("x-request-id")!);
      }
    } catch {
      return answered;
    }
  }
  return answered;
}

describe("a gateway killed under load", () => {
  it("loses no usage of answered requests and counts none twice; logs hold no key or prompt", async () => {
    const first = startGateway();
    await ready();
    let killed = false;
    const workers = Array.from({ length: 8 }, (_, n) => worker(n, () => killed));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    first.kill("SIGKILL");
    killed = true;
    await new Promise((resolve) => first.on("exit", resolve));
    const answered = (await Promise.all(workers)).flat();
    expect(answered.length).toBeGreaterThan(20);

    const second = startGateway();
    await ready();
    await waitFor(async () => (await getDb().usageEvent.count({ where: { requestId: { in: answered } } })) === answered.length, 30_000);
    const rows = await getDb().usageEvent.findMany({ where: { tenantId: tenant.tenantId }, select: { requestId: true } });
    expect(new Set(rows.map((r) => r.requestId)).size).toBe(rows.length);
    second.kill("SIGTERM");
    await new Promise((resolve) => second.on("exit", resolve));

    expect(output.length).toBeGreaterThan(0);
    expect(output).not.toContain(key);
    expect(output).not.toContain(key.slice(3, 20));
    expect(output).not.toContain("SECRET-PROMPT");
  }, 120_000);
});
