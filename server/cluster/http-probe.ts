import { readNodeMetrics, type NodeMetrics } from "./node-metrics";

export type ProbeResult<T> = { ok: true; value: T } | { ok: false; error: string };

// fetch hides the socket error (ECONNREFUSED, ...) in `cause`.
export function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return "timeout";
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}

async function get(url: string, timeoutMs: number, signal: AbortSignal): Promise<ProbeResult<string>> {
  try {
    const res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
    const body = await res.text();
    return res.ok ? { ok: true, value: body } : { ok: false, error: `HTTP ${res.status}` };
  } catch (error) {
    return { ok: false, error: describeFetchError(error) };
  }
}

/** vLLM answers /health with 200 while its engine lives (and, alas, while it hangs). */
export async function checkHealth(baseUrl: string, timeoutMs: number, signal: AbortSignal): Promise<ProbeResult<null>> {
  const result = await get(`${baseUrl}/health`, timeoutMs, signal);
  return result.ok ? { ok: true, value: null } : result;
}

export async function scrapeMetrics(baseUrl: string, timeoutMs: number, signal: AbortSignal): Promise<ProbeResult<NodeMetrics>> {
  const result = await get(`${baseUrl}/metrics`, timeoutMs, signal);
  return result.ok ? { ok: true, value: readNodeMetrics(result.value) } : result;
}
