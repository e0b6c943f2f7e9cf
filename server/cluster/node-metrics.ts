import { parsePrometheusText, type PromSample } from "./prometheus-text";

export type NodeMetrics = {
  running: number | null;
  waiting: number | null;
  kvCacheUse: number | null;
  powerWatts: number | null;
  gpuUtil: number | null;
};

function values(samples: PromSample[], name: string): number[] {
  return samples.filter((s) => s.name === name).map((s) => s.value);
}

const sum = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) : null);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

// A node may run several engines (one series each) and several cards: queues
// and power add up, ratios average.
export function readNodeMetrics(text: string): NodeMetrics {
  const samples = parsePrometheusText(text);
  return {
    running: sum(values(samples, "vllm:num_requests_running")),
    waiting: sum(values(samples, "vllm:num_requests_waiting")),
    kvCacheUse: mean(values(samples, "vllm:kv_cache_usage_perc")),
    powerWatts: sum(values(samples, "DCGM_FI_DEV_POWER_USAGE")),
    gpuUtil: mean(values(samples, "DCGM_FI_DEV_GPU_UTIL")),
  };
}
