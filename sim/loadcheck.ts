/**
 * Non-streaming throughput of one simulated node at speed 0, so benchmarks of the gateway
 * measure the gateway. The node runs in a child process (as it would beside a gateway),
 * the load comes from this one over keep-alive connections.
 *   npx tsx sim/loadcheck.ts [--seconds 5] [--connections 64] [--max-tokens 16]
 */
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { Command } from "commander";

const options = new Command()
  .option("--seconds <s>", "how long to send", Number, 5)
  .option("--connections <n>", "concurrent keep-alive connections", Number, 64)
  .option("--max-tokens <n>", "tokens per reply", Number, 16)
  .parse()
  .opts<{ seconds: number; connections: number; maxTokens: number }>();

async function startNode(): Promise<{ url: URL; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "sim/cli.ts", "--nodes", "1", "--base-port", "0", "--speed", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  for await (const chunk of child.stdout) {
    output += String(chunk);
    const match = /node 0: (\S+)/.exec(output);
    if (match?.[1]) return { url: new URL(match[1]), stop: () => child.kill("SIGTERM") };
  }
  throw new Error(`the simulator did not start: ${output}`);
}

function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path: "/v1/chat/completions", method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const node = await startNode();
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const body = JSON.stringify({
    model: "Qwen/Qwen2.5-7B-Instruct",
    messages: [{ role: "user", content: "Hello, how are you?" }],
    max_tokens: options.maxTokens,
  });
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const status = await post(agent, node.url, body);
      if (status === 200) latencies.push(performance.now() - started);
      else failures += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.connections }, worker));
  const elapsedS = (performance.now() - started) / 1000;
  agent.destroy();
  node.stop();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies[Math.floor(q * (latencies.length - 1))] ?? NaN).toFixed(2);
  console.log(
    `${latencies.length} ok, ${failures} failed in ${elapsedS.toFixed(1)} s over ${options.connections} connections: ` +
      `${Math.round(latencies.length / elapsedS)} req/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`,
  );
}

void main();
