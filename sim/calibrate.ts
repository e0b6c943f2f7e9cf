/**
 * Measures the simulator through its HTTP API the way vLLM's benchmark_serving measures a
 * server: C clients start together and each sends requests back to back (256 prompt
 * tokens, ~128 output tokens), streaming, until 4 x C requests (at least 8) are done.
 * Runs at a scaled speed and converts wall time back to simulated seconds.
 *   npx tsx sim/calibrate.ts [--speed 4] [--precision fp16|awq-4bit] [--levels 1,8,32]
 */
import { Command } from "commander";
import { startSimNode } from "./node";
import { clientFor, MODEL } from "./test-support";
import type { Precision } from "./timing";

const options = new Command()
  .option("--speed <factor>", "simulation speed", Number, 4)
  .option("--precision <p>", "fp16 or awq-4bit", "fp16")
  .option("--levels <list>", "concurrency levels", "1,4,8,16,32,48")
  .parse()
  .opts<{ speed: number; precision: Precision; levels: string }>();

const PROMPT_TOKENS = 256;
const OUTPUT_TOKENS = 128;
/** Token ids of a neutral English word, so the prompt is exactly 256 tokens. */
const PROMPT = Array.from({ length: PROMPT_TOKENS }, () => 1879);

interface LevelResult {
  concurrency: number;
  outputTokensPerS: number;
  meanTtftMs: number;
  p99TtftMs: number;
}

async function measure(concurrency: number): Promise<LevelResult> {
  const node = await startSimNode({ speed: options.speed, precision: options.precision, maxQueue: 10_000 });
  const client = clientFor(node.url, { timeout: 600_000 });
  const total = Math.max(8, 4 * concurrency);
  const ttfts: number[] = [];
  let issued = 0;
  let tokens = 0;
  let seed = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < total) {
      issued += 1;
      seed += 1;
      // Lengths vary a little, as real replies do, so the clients do not march in lockstep.
      const maxTokens = OUTPUT_TOKENS - 25 + (seed * 7919) % 51;
      const sent = performance.now();
      const stream = await client.completions.create({
        model: MODEL,
        prompt: PROMPT,
        max_tokens: maxTokens,
        ignore_eos: true,
        stream: true,
      } as Parameters<typeof client.completions.create>[0] & { stream: true });
      let first = true;
      for await (const chunk of stream) {
        if (first) {
          ttfts.push((performance.now() - sent) * options.speed);
          first = false;
        }
        if (chunk.choices[0]?.text) tokens += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const simSeconds = ((performance.now() - started) / 1000) * options.speed;
  await node.stop();
  ttfts.sort((a, b) => a - b);
  return {
    concurrency,
    outputTokensPerS: tokens / simSeconds,
    meanTtftMs: ttfts.reduce((a, b) => a + b, 0) / ttfts.length,
    p99TtftMs: ttfts[Math.floor(0.99 * (ttfts.length - 1))] ?? NaN,
  };
}

async function main(): Promise<void> {
  console.log(`precision ${options.precision}, speed ${options.speed}`);
  console.log("| streams | output tok/s | TTFT mean ms | TTFT p99 ms |");
  console.log("| --- | --- | --- | --- |");
  for (const level of options.levels.split(",").map(Number)) {
    const r = await measure(level);
    console.log(
      `| ${r.concurrency} | ${Math.round(r.outputTokensPerS)} | ${Math.round(r.meanTtftMs)} | ${Math.round(r.p99TtftMs)} |`,
    );
  }
}

void main();
