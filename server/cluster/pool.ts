import { getDb } from "@/server/db";
import { logger } from "@/server/logger";
import { chooseLeastLoaded } from "./balancer";
import { Breaker, DEFAULT_BREAKER, type BreakerConfig } from "./breaker";
import { checkHealth, scrapeMetrics } from "./http-probe";
import type { NodeMetrics } from "./node-metrics";
import { listenForNodeChanges, type NodeChangeListener } from "./notify";
import { writeSamples } from "./samples";
import type { ClusterPool, ClusterPoolOptions, NodeRef, NodeStatus } from "./types";

type NodeState = {
  ref: NodeRef;
  enabled: boolean;
  healthy: boolean;
  lastCheckAt: Date | null;
  lastError: string | null;
  metrics: NodeMetrics | null;
  outstanding: number;
  breaker: Breaker;
  // Set by pick() when it sent the half-open probe, taken by the next begin().
  probePending: boolean;
};

const NO_METRICS: NodeMetrics = { running: null, waiting: null, kvCacheUse: null, powerWatts: null, gpuUtil: null };

export function createClusterPool(opts: ClusterPoolOptions = {}): ClusterPool {
  const now = opts.now ?? Date.now;
  const healthIntervalMs = opts.healthIntervalMs ?? 2_000;
  const metricsIntervalMs = opts.metricsIntervalMs ?? 5_000;
  const sampleIntervalMs = opts.sampleIntervalMs ?? 60_000;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 1_000;
  const reloadIntervalMs = opts.reloadIntervalMs ?? 30_000;
  const breakerConfig: BreakerConfig = { ...DEFAULT_BREAKER, ...opts.breaker };

  let nodes: NodeState[] = [];
  let byId = new Map<string, NodeState>();
  let cursor = 0;
  let started = false;
  let stopped = false;
  const aborter = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  const work = new Set<Promise<unknown>>();
  let listener: NodeChangeListener | null = null;

  // Background work is tracked so that stop() can wait for it: nothing may
  // touch the database after stop() returns.
  function track<T>(promise: Promise<T>): Promise<T> {
    work.add(promise);
    void promise.finally(() => work.delete(promise)).catch(() => undefined);
    return promise;
  }

  function every(intervalMs: number, label: string, round: () => Promise<unknown>): void {
    const tick = async () => {
      timers.delete(timer);
      try {
        await track(round());
      } catch (error) {
        if (!stopped) logger.warn({ err: error }, `cluster ${label} round failed`);
      }
      if (stopped) return;
      timer = setTimeout(() => void tick(), intervalMs).unref();
      timers.add(timer);
    };
    let timer = setTimeout(() => void tick(), intervalMs).unref();
    timers.add(timer);
  }

  async function checkNode(node: NodeState): Promise<void> {
    const result = await checkHealth(node.ref.baseUrl, requestTimeoutMs, aborter.signal);
    if (stopped) return;
    const t = now();
    node.lastCheckAt = new Date(t);
    if (node.healthy !== result.ok) logger.info({ node: node.ref.name, healthy: result.ok }, "cluster node health changed");
    node.healthy = result.ok;
    if (result.ok) {
      node.breaker.healthPassed(t);
      if (node.breaker.state(t) === "closed") node.lastError = null;
    } else {
      node.lastError = `health: ${result.error}`;
    }
  }

  async function scrapeNode(node: NodeState): Promise<void> {
    const result = await scrapeMetrics(node.ref.baseUrl, requestTimeoutMs, aborter.signal);
    if (!stopped) node.metrics = result.ok ? result.value : null;
  }

  async function writeSampleRound(): Promise<void> {
    const at = new Date(now());
    const rows = nodes.map((n) => ({ nodeId: n.ref.id, at, healthy: n.healthy, ...(n.metrics ?? NO_METRICS) }));
    // Half an interval of slack absorbs timer drift between replicas.
    await writeSamples(rows, sampleIntervalMs / 2);
  }

  async function load(): Promise<void> {
    const rows = await getDb().clusterNode.findMany({ orderBy: { name: "asc" } });
    if (stopped) return;
    const fresh: NodeState[] = [];
    const next: NodeState[] = [];
    for (const row of rows) {
      const ref: NodeRef = {
        id: row.id,
        name: row.name,
        baseUrl: row.baseUrl,
        model: row.model,
        maxModelLen: row.maxModelLen,
        weight: row.weight,
        maxConcurrency: row.maxConcurrency,
      };
      // Kept in place: begin()'s closures hold on to the object.
      const known = byId.get(row.id);
      if (known) {
        if (known.ref.baseUrl !== ref.baseUrl) {
          Object.assign(known, { healthy: false, lastCheckAt: null, lastError: null, metrics: null, breaker: new Breaker(breakerConfig) });
          fresh.push(known);
        }
        known.ref = ref;
        known.enabled = row.enabled;
        next.push(known);
        continue;
      }
      const node: NodeState = {
        ref,
        enabled: row.enabled,
        healthy: false,
        lastCheckAt: null,
        lastError: null,
        metrics: null,
        outstanding: 0,
        breaker: new Breaker(breakerConfig),
        probePending: false,
      };
      fresh.push(node);
      next.push(node);
    }
    // A new or moved node serves once its first health check passed.
    await Promise.all(fresh.map(checkNode));
    if (stopped) return;
    nodes = next;
    byId = new Map(next.map((n) => [n.ref.id, n]));
    void track(Promise.all(fresh.map(scrapeNode)));
  }

  // Notifications come in bursts: one load at a time, and one more queued
  // behind it covers every change made meanwhile.
  let loading: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  function refresh(): Promise<void> {
    if (!loading) {
      loading = track(load()).finally(() => {
        loading = null;
      });
      return loading;
    }
    queued ??= loading
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return refresh();
      });
    return queued;
  }

  return {
    async start() {
      if (started) throw new Error("cluster pool already started");
      started = true;
      await refresh();
      every(healthIntervalMs, "health", () => Promise.all(nodes.map(checkNode)));
      every(metricsIntervalMs, "metrics", () => Promise.all(nodes.map(scrapeNode)));
      every(sampleIntervalMs, "sample", writeSampleRound);
      every(reloadIntervalMs, "reload", refresh);
      const url = process.env.DATABASE_URL;
      if (url) {
        listener = listenForNodeChanges(url, () => {
          refresh().catch((error: unknown) => logger.warn({ err: error }, "cluster node reload failed"));
        });
      }
    },

    async stop() {
      stopped = true;
      aborter.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await listener?.stop();
      await Promise.allSettled([...work]);
    },

    models() {
      const maxLen = new Map<string, number>();
      for (const n of nodes) {
        if (!n.enabled) continue;
        const seen = maxLen.get(n.ref.model);
        // A request must fit whichever node it lands on.
        maxLen.set(n.ref.model, seen === undefined ? n.ref.maxModelLen : Math.min(seen, n.ref.maxModelLen));
      }
      return [...maxLen].map(([id, maxModelLen]) => ({ id, maxModelLen })).sort((a, b) => a.id.localeCompare(b.id));
    },

    pick(model, exclude) {
      if (nodes.length === 0) return null;
      const t = now();
      const candidates = nodes.map((n) => ({
        eligible: n.enabled && n.healthy && n.ref.model === model && !exclude?.has(n.ref.id) && n.breaker.canAccept(t),
        outstanding: n.outstanding,
        weight: n.ref.weight,
        maxConcurrency: n.ref.maxConcurrency,
      }));
      const i = chooseLeastLoaded(candidates, cursor % nodes.length);
      if (i < 0) return null;
      cursor = i + 1;
      const node = nodes[i]!;
      if (node.breaker.picked(t)) node.probePending = true;
      return node.ref;
    },

    begin(nodeId) {
      const node = byId.get(nodeId);
      if (!node) return () => undefined;
      node.outstanding += 1;
      const isProbe = node.probePending;
      node.probePending = false;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        node.outstanding -= 1;
        // A probe that ended unreported (say, the client left) must not
        // block the next one.
        if (isProbe) node.breaker.releaseProbe();
      };
    },

    reportSuccess(nodeId) {
      const node = byId.get(nodeId);
      if (!node) return;
      if (node.breaker.state(now()) !== "closed") logger.info({ node: node.ref.name }, "cluster node breaker closed");
      node.breaker.success();
    },

    reportFailure(nodeId, reason) {
      const node = byId.get(nodeId);
      if (!node) return;
      node.lastError = reason;
      if (node.breaker.failure(now(), reason)) {
        logger.warn({ node: node.ref.name, reason, coolDownMs: node.breaker.coolDownMs() }, "cluster node breaker opened");
      }
    },

    snapshot() {
      const t = now();
      return nodes.map((n): NodeStatus => ({
        ...n.ref,
        enabled: n.enabled,
        healthy: n.healthy,
        breaker: n.breaker.state(t),
        outstanding: n.outstanding,
        ...(n.metrics ?? NO_METRICS),
        lastCheckAt: n.lastCheckAt,
        lastError: n.lastError,
      }));
    },

    refresh,
  };
}
