/** `npm run sim -- --nodes 4 --base-port 8001`: a simulated vLLM cluster on local ports. */
import { Command, InvalidArgumentError, Option } from "commander";
import { startSimCluster } from "./cluster";
import type { Faults } from "./faults";
import { DEFAULT_MAX_MODEL_LEN, DEFAULT_MAX_QUEUE, DEFAULT_MODEL } from "./node";

function number(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new InvalidArgumentError("expected a non-negative number");
  return parsed;
}

function integer(value: string): number {
  const parsed = number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError("expected an integer");
  return parsed;
}

function indexList(value: string): number[] {
  return value.split(",").map((part) => integer(part.trim()));
}

interface CliOptions {
  nodes: number;
  basePort: number;
  host: string;
  speed: number;
  model: string;
  maxModelLen: number;
  gpus: number;
  precision: "fp16" | "awq-4bit";
  maxQueue: number;
  faultNodes?: number[];
  refuseConnections?: boolean;
  failRate?: number;
  failStatus?: number;
  hang?: boolean;
  hangMs?: number;
  resetAfterTokens?: number;
  errorAfterTokens?: number;
  omitUsage?: boolean;
  slowdown?: number;
  unhealthy?: boolean;
}

const program = new Command()
  .name("sim")
  .description("A vLLM-compatible simulator of RTX 4090D nodes serving Qwen2.5-7B-Instruct.")
  .option("--nodes <n>", "number of nodes", integer, 4)
  .option("--base-port <port>", "node i listens on base-port + i (0 = free ports)", integer, 8001)
  .option("--host <host>", "interface to listen on", "127.0.0.1")
  .option("--speed <factor>", "0 = instant, 1 = real time, 10 = ten times faster", number, 1)
  .option("--model <name>", "served model name", DEFAULT_MODEL)
  .option("--max-model-len <tokens>", "context length", integer, DEFAULT_MAX_MODEL_LEN)
  .option("--gpus <n>", "cards per node (tensor parallel)", integer, 1)
  .addOption(new Option("--precision <p>", "weights").choices(["fp16", "awq-4bit"]).default("fp16"))
  .option("--max-queue <n>", "waiting sequences before answering 503", integer, DEFAULT_MAX_QUEUE)
  .option("--fault-nodes <list>", "apply the fault flags only to these node indexes, e.g. 0,2", indexList)
  .option("--refuse-connections", "do not accept connections")
  .option("--fail-rate <rate>", "fraction of completions answered with an error status", number)
  .option("--fail-status <status>", "500 or 503 (default 503)", integer)
  .option("--hang", "never send the first byte")
  .option("--hang-ms <ms>", "wait this long before the first byte", integer)
  .option("--reset-after-tokens <n>", "reset the connection after n tokens", integer)
  .option("--error-after-tokens <n>", "send a mid-stream error event after n tokens", integer)
  .option("--omit-usage", "never report usage")
  .option("--slowdown <factor>", "make every engine step slower by this factor", number)
  .option("--unhealthy", "/health answers 503");

function faultsFrom(options: CliOptions): Faults {
  const faults: Faults = {};
  if (options.refuseConnections) faults.refuseConnections = {};
  if (options.failRate !== undefined) {
    faults.fail = { rate: options.failRate, status: options.failStatus === 500 ? 500 : 503 };
  }
  if (options.hang || options.hangMs !== undefined) faults.hang = { ms: options.hangMs };
  if (options.resetAfterTokens !== undefined) faults.resetAfterTokens = options.resetAfterTokens;
  if (options.errorAfterTokens !== undefined) faults.errorAfterTokens = options.errorAfterTokens;
  if (options.omitUsage) faults.omitUsage = true;
  if (options.slowdown !== undefined) faults.slowdown = options.slowdown;
  if (options.unhealthy) faults.unhealthy = true;
  return faults;
}

async function main(): Promise<void> {
  const options = program.parse().opts<CliOptions>();
  const faults = faultsFrom(options);
  const cluster = await startSimCluster({
    nodes: options.nodes,
    basePort: options.basePort,
    host: options.host,
    speed: options.speed,
    model: options.model,
    maxModelLen: options.maxModelLen,
    gpusPerNode: options.gpus,
    precision: options.precision,
    maxQueue: options.maxQueue,
    faults: Array.from({ length: options.nodes }, (_, i) =>
      options.faultNodes === undefined || options.faultNodes.includes(i) ? faults : {},
    ),
  });
  for (const [i, node] of cluster.nodes.entries()) console.log(`node ${i}: ${node.url}`);
  const shutdown = () => {
    void cluster.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
