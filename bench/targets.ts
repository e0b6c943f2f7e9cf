import { request } from "undici";
import { registerNodes } from "@/server/cluster";
import { freePort } from "@/server/db/embedded";
import { DEFAULT_MODEL } from "@/sim";
import { startChild, waitForOutput, waitUntil, type Child } from "./procs";

// The three ways to reach the same simulated vLLM node: directly, through
// our gateway (its own process, real key, metering on) and through Portkey.

export type TargetName = "direct" | "bare" | "ours" | "portkey";

export type Target = {
  name: TargetName;
  label: string;
  origin: string;
  path: string;
  headers: Record<string, string>;
  /** The process doing the proxying (none for direct). */
  child: Child | null;
};

export const MODEL = DEFAULT_MODEL;

export function chatBody(stream: boolean): string {
  return JSON.stringify({
    model: MODEL,
    messages: [{ role: "user", content: "Say hello in one short sentence." }],
    max_tokens: 16,
    temperature: 0,
    ...(stream ? { stream: true } : {}),
  });
}

const TSX = ["--import", "tsx"];

export async function startSim(): Promise<{ child: Child; url: string }> {
  const child = startChild("simulator", process.execPath, [...TSX, "sim/cli.ts", "--nodes", "1", "--base-port", "0", "--speed", "0"]);
  const [, url] = await waitForOutput(child, /node 0: (http:\/\/\S+)/);
  return { child, url: url! };
}

export async function startOurGateway(opts: { databaseUrl: string; dataDir: string; simUrl: string; key: string; nodeArgs?: string[] }): Promise<Target> {
  // maxConcurrency well above the load's connections: with the default (64)
  // the gateway answers 503 beyond 64 outstanding requests per node instead
  // of queueing, which would measure refusals rather than proxying.
  await registerNodes([{ name: "bench-node", baseUrl: opts.simUrl, model: MODEL, maxConcurrency: Number(process.env.BENCH_NODE_MAX_CONCURRENCY ?? 1024) }]);
  const port = await freePort();
  const child = startChild("gateway", process.execPath, [...(opts.nodeArgs ?? []), ...TSX, "server/gateway-main.ts"], {
    DATABASE_URL: opts.databaseUrl,
    GATEWAY_PORT: String(port),
    GATEWAY_DATA_DIR: opts.dataDir,
    HOST: "127.0.0.1",
    LOG_LEVEL: process.env.BENCH_GATEWAY_LOG_LEVEL ?? "warn",
    NODE_ENV: "production",
  });
  const target: Target = {
    name: "ours",
    label: "our gateway",
    origin: `http://127.0.0.1:${port}`,
    path: "/v1/chat/completions",
    headers: { authorization: `Bearer ${opts.key}` },
    child,
  };
  await waitUntilServes(target, child);
  return target;
}

export async function startPortkey(simUrl: string): Promise<Target> {
  const port = await freePort();
  const child = startChild("portkey", process.execPath, ["node_modules/@portkey-ai/gateway/build/start-server.js", `--port=${port}`, "--headless"]);
  const target: Target = {
    name: "portkey",
    label: "Portkey 1.15.2",
    origin: `http://127.0.0.1:${port}`,
    path: "/v1/chat/completions",
    headers: { authorization: "Bearer bench", "x-portkey-provider": "openai", "x-portkey-custom-host": `${simUrl}/v1` },
    child,
  };
  await waitUntilServes(target, child);
  return target;
}

export async function startBareProxy(simUrl: string): Promise<Target> {
  const port = await freePort();
  const child = startChild("bare proxy", process.execPath, [...TSX, "bench/bare-proxy.ts", String(port), simUrl]);
  const target: Target = { name: "bare", label: "bare node proxy", origin: `http://127.0.0.1:${port}`, path: "/v1/chat/completions", headers: {}, child };
  await waitUntilServes(target, child);
  return target;
}

export function directTarget(simUrl: string): Target {
  return { name: "direct", label: "direct to simulator", origin: simUrl, path: "/v1/chat/completions", headers: {}, child: null };
}

async function waitUntilServes(target: Target, child: Child): Promise<void> {
  await waitUntil(async () => {
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited:\n${child.output()}`);
    const res = await request(`${target.origin}${target.path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...target.headers },
      body: chatBody(false),
    });
    const text = await res.body.text();
    return res.statusCode === 200 && text.includes("usage");
  }, `${target.label} to answer`, 60_000).catch((error: Error) => {
    throw new Error(`${error.message}\n${child.output()}`);
  });
}
