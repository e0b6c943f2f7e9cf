/**
 * /metrics in Prometheus text: vLLM's own series (names and buckets as vLLM v1 exports
 * them) plus the DCGM exporter's GPU series, which a real cluster scrapes from a
 * separate exporter but the simulator serves on the same port.
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { cardPowerWatts, CARD, VLLM_DEFAULTS, type NodeProfile } from "./timing";
import type { UtilisationMeter } from "./utilisation";

const TTFT_BUCKETS = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80, 160, 640, 2560,
];
const E2E_BUCKETS = [
  0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60, 120, 240, 480, 960, 1920, 7680,
];

export interface EngineGauges {
  numRunning(): number;
  numWaiting(): number;
  kvUsage(): number;
}

export type FinishedReason = "stop" | "length" | "abort";

type Labels = "model_name" | "engine";

export class NodeMetrics {
  readonly registry = new Registry();
  private readonly labels: Record<Labels, string>;
  private readonly success: Counter<Labels | "finished_reason">;
  private readonly promptTokens: Counter.Internal;
  private readonly generationTokens: Counter.Internal;
  private readonly ttft: Histogram.Internal<Labels>;
  private readonly e2e: Histogram.Internal<Labels>;

  constructor(
    modelName: string,
    hostname: string,
    profile: NodeProfile,
    engine: EngineGauges,
    meter: UtilisationMeter,
    nowS: () => number,
  ) {
    const labels = { model_name: modelName, engine: "0" };
    this.labels = labels;
    const labelNames = ["model_name", "engine"] as const;
    const registers = [this.registry];
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers,
        collect() {
          this.set(labels, read());
        },
      });
    gauge("vllm:num_requests_running", "Number of requests in model execution batches.", () => engine.numRunning());
    gauge("vllm:num_requests_waiting", "Number of requests waiting to be processed.", () => engine.numWaiting());
    gauge("vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", () => engine.kvUsage());
    const counter = (name: string, help: string) => new Counter({ name, help, labelNames, registers }).labels(labels);
    this.promptTokens = counter("vllm:prompt_tokens_total", "Number of prefill tokens processed.");
    this.generationTokens = counter("vllm:generation_tokens_total", "Number of generation tokens processed.");
    const histogram = (name: string, help: string, buckets: number[]) =>
      new Histogram({ name, help, labelNames, buckets, registers }).labels(labels);
    this.ttft = histogram("vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", TTFT_BUCKETS);
    this.e2e = histogram("vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.", E2E_BUCKETS);
    this.success = new Counter({
      name: "vllm:request_success_total",
      help: "Count of successfully processed requests.",
      labelNames: ["model_name", "engine", "finished_reason"],
      registers,
    });
    for (const reason of ["stop", "length", "abort"] as const) this.success.inc({ ...labels, finished_reason: reason }, 0);
    this.promptTokens.inc(0);
    this.generationTokens.inc(0);
    registerGpuGauges(registers, hostname, profile, meter, nowS);
  }

  addPromptTokens(count: number): void {
    this.promptTokens.inc(count);
  }

  addGenerationTokens(count: number): void {
    this.generationTokens.inc(count);
  }

  observeTtft(seconds: number): void {
    this.ttft.observe(seconds);
  }

  finished(reason: FinishedReason, e2eSeconds: number | null): void {
    this.success.inc({ ...this.labels, finished_reason: reason });
    if (e2eSeconds !== null) this.e2e.observe(e2eSeconds);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

function registerGpuGauges(
  registers: Registry[],
  hostname: string,
  profile: NodeProfile,
  meter: UtilisationMeter,
  nowS: () => number,
): void {
  const labelNames = ["gpu", "UUID", "device", "modelName", "Hostname"] as const;
  const cards = Array.from({ length: profile.gpus }, (_, gpu) => ({
    gpu: String(gpu),
    UUID: `GPU-${hostname}-${gpu}`,
    device: `nvidia${gpu}`,
    modelName: CARD.name,
    Hostname: hostname,
  }));
  const perCard = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      collect() {
        const value = read();
        for (const card of cards) this.set(card, value);
      },
    });
  const mib = 2 ** 20;
  const reservedMiB = Math.round((CARD.memoryBytes * VLLM_DEFAULTS.gpuMemoryUtilization) / mib);
  perCard("DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).", () => Math.round(meter.read(nowS()).utilisation * 100));
  perCard("DCGM_FI_DEV_POWER_USAGE", "Power draw (in W).", () => {
    const { utilisation, meanBatch } = meter.read(nowS());
    return Math.round(cardPowerWatts(profile, utilisation, meanBatch) * 100) / 100;
  });
  new Counter({
    name: "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION",
    help: "Total energy consumption since boot (in mJ).",
    labelNames,
    registers,
    collect() {
      const millijoules = Math.round(meter.energyJoules(nowS()) * 1000);
      this.reset();
      for (const card of cards) this.inc(card, millijoules);
    },
  });
  // vLLM reserves its share of memory up front, so usage does not move with load.
  perCard("DCGM_FI_DEV_FB_USED", "Framebuffer memory used (in MiB).", () => reservedMiB);
  perCard("DCGM_FI_DEV_FB_FREE", "Framebuffer memory free (in MiB).", () => Math.round(CARD.memoryBytes / mib) - reservedMiB);
}
