import { describe, expect, it } from "vitest";
import { readNodeMetrics } from "./node-metrics";
import { parsePrometheusText } from "./prometheus-text";

const TWO_CARDS = `
# HELP vllm:num_requests_running Number of requests in model execution batches.
# TYPE vllm:num_requests_running gauge
vllm:num_requests_running{engine="0",model_name="Qwen/Qwen2.5-7B-Instruct"} 7.0
vllm:num_requests_waiting{engine="0",model_name="Qwen/Qwen2.5-7B-Instruct"} 2.0
vllm:kv_cache_usage_perc{engine="0",model_name="Qwen/Qwen2.5-7B-Instruct"} 0.25
DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-a",Hostname="gpu-1"} 245.5
DCGM_FI_DEV_POWER_USAGE{gpu="1",UUID="GPU-b",Hostname="gpu-1"} 200
DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-a",Hostname="gpu-1"} 90
DCGM_FI_DEV_GPU_UTIL{gpu="1",UUID="GPU-b",Hostname="gpu-1"} 70
`;

describe("parsePrometheusText", () => {
  it.each([
    ["a bare sample", "up 1", [{ name: "up", labels: {}, value: 1 }]],
    ["labels and a timestamp", 'x{a="1",b="two"} 3.5 1700000000000', [{ name: "x", labels: { a: "1", b: "two" }, value: 3.5 }]],
    ["escaped quotes and braces in a label", 'x{a="say \\"}\\" ok"} 2', [{ name: "x", labels: { a: 'say "}" ok' }, value: 2 }]],
    ["a trailing comma", 'x{a="1",} 4', [{ name: "x", labels: { a: "1" }, value: 4 }]],
    ["special values", "x +Inf\ny -Inf", [{ name: "x", labels: {}, value: Infinity }, { name: "y", labels: {}, value: -Infinity }]],
    ["comments, blanks and junk are skipped", "# HELP x y\n\n{bad} 1\nx{a=\"1\" 2\nz notanumber", []],
  ])("%s", (_name, text, expected) => {
    expect(parsePrometheusText(text)).toEqual(expected);
  });
});

describe("readNodeMetrics", () => {
  it("sums queues and power, averages KV cache and utilisation", () => {
    expect(readNodeMetrics(TWO_CARDS)).toEqual({ running: 7, waiting: 2, kvCacheUse: 0.25, powerWatts: 445.5, gpuUtil: 80 });
  });

  it("leaves what is missing null: vLLM without a DCGM exporter", () => {
    expect(readNodeMetrics("vllm:num_requests_running 1\n")).toEqual({ running: 1, waiting: null, kvCacheUse: null, powerWatts: null, gpuUtil: null });
  });
});
