/** Shared by the simulator's tests: a client for a node, and /metrics read as numbers. */
import OpenAI from "openai";
import parsePrometheusTextFormat, { type PrometheusFamily } from "parse-prometheus-text-format";

export const MODEL = "Qwen/Qwen2.5-7B-Instruct";

export function clientFor(url: string, options: { timeout?: number } = {}): OpenAI {
  return new OpenAI({ baseURL: `${url}/v1`, apiKey: "sim", maxRetries: 0, timeout: options.timeout ?? 10_000 });
}

export interface Scrape {
  families: PrometheusFamily[];
  text: string;
}

export async function scrape(url: string): Promise<Scrape> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return { families: parsePrometheusTextFormat(text), text };
}

/** Sum of a counter or gauge family's samples, optionally filtered by labels. */
export function metricValue({ families }: Scrape, name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  if (!family) throw new Error(`metric ${name} not exported`);
  return family.metrics
    .filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
    .reduce((sum, m) => sum + Number(m.value ?? m.sum ?? 0), 0);
}

/** The parser drops _sum and _count of labelled histograms, so those two are read from the text. */
export function histogram({ text }: Scrape, name: string): { count: number; sum: number } {
  const read = (suffix: string) => Number(new RegExp(`^${name}_${suffix}\\{[^}]*\\} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
  return { count: read("count"), sum: read("sum") };
}
