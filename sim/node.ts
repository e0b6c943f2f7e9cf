/** One simulated vLLM server: its HTTP surface, engine, metrics and faults. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { z } from "zod";
import { deliver, type SimStats } from "./delivery";
import { BatchEngine } from "./engine";
import { SimHttpError } from "./errors";
import { drawRequestFault, parseFaults, type ActiveFaults, type Faults } from "./faults";
import { BodyTooLarge, parseJsonBody, readBody, sendError, sendJson } from "./http-util";
import { buildChatJob, buildCompletionJob, type ServedModel } from "./job-builder";
import { NodeMetrics } from "./metrics";
import { RealtimeEngine, SimClock } from "./realtime";
import { cardPowerWatts, KV_BYTES_PER_TOKEN, nodeProfile, type NodeProfile, type Precision } from "./timing";
import { replyUnits } from "./text-generator";
import { UtilisationMeter } from "./utilisation";

export const DEFAULT_MODEL = "Qwen/Qwen2.5-7B-Instruct";
export const DEFAULT_MAX_MODEL_LEN = 32768;
/** vLLM has no queue limit of its own; the simulator refuses with 503 beyond this many waiting sequences. */
export const DEFAULT_MAX_QUEUE = 1024;

export interface SimNodeOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** 0 = instant replies, 1 = real time, 10 = ten times faster. */
  speed?: number;
  model?: string;
  maxModelLen?: number;
  gpusPerNode?: number;
  precision?: Precision;
  maxQueue?: number;
  faults?: Faults;
  /** Shown as the DCGM `Hostname` label; defaults to `sim-<port>`. */
  name?: string;
}

export interface SimNode {
  readonly url: string;
  readonly port: number;
  setFaults(faults: Faults): void;
  clearFaults(): void;
  faults(): ActiveFaults;
  stats(): SimStats;
  stop(): Promise<void>;
}

export async function startSimNode(options: SimNodeOptions = {}): Promise<SimNode> {
  replyUnits();
  const node = new SimNodeServer(options);
  await node.open(options.port ?? 0);
  node.setFaults(options.faults ?? {});
  return node;
}

class SimNodeServer implements SimNode {
  private readonly served: ServedModel;
  private readonly profile: NodeProfile;
  private readonly clock: SimClock;
  private readonly engine: BatchEngine;
  private readonly realtime: RealtimeEngine | null;
  private readonly meter: UtilisationMeter;
  private readonly host: string;
  private readonly name: string | undefined;
  private readonly simStats: SimStats = { promptTokens: 0, completionTokens: 0, requests: 0 };
  private metrics: NodeMetrics | null = null;
  private active: ActiveFaults = {};
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private reopenTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private modelsBody = "";
  port = 0;

  constructor(options: SimNodeOptions) {
    this.served = { name: options.model ?? DEFAULT_MODEL, maxModelLen: options.maxModelLen ?? DEFAULT_MAX_MODEL_LEN };
    this.profile = nodeProfile({ gpus: options.gpusPerNode ?? 1, precision: options.precision ?? "fp16" });
    if (this.served.maxModelLen > this.profile.kvCapacityTokens) {
      const needGiB = (this.served.maxModelLen * KV_BYTES_PER_TOKEN) / 2 ** 30;
      const haveGiB = (this.profile.kvCapacityTokens * KV_BYTES_PER_TOKEN) / 2 ** 30;
      throw new Error(
        `To serve at least one request with the model's max seq len (${this.served.maxModelLen}), ` +
          `${needGiB.toFixed(2)} GiB KV cache is needed, which is larger than the available KV cache memory ` +
          `(${haveGiB.toFixed(2)} GiB). Try decreasing max_model_len or adding GPUs.`,
      );
    }
    const speed = options.speed ?? 1;
    this.clock = new SimClock(speed);
    this.engine = new BatchEngine(this.profile, options.maxQueue ?? DEFAULT_MAX_QUEUE);
    this.realtime = speed > 0 ? new RealtimeEngine(this.engine, this.clock) : null;
    this.meter = new UtilisationMeter(this.clock.nowS(), this.profile.idleWatts, (batch) =>
      cardPowerWatts(this.profile, 1, batch),
    );
    this.engine.onStep = (step) => this.meter.record(step.endS, step.durationS, step.batch);
    this.host = options.host ?? "127.0.0.1";
    this.name = options.name;
  }

  get url(): string {
    const host = this.host.includes(":") ? `[${this.host}]` : this.host;
    return `http://${host}:${this.port}`;
  }

  async open(port: number): Promise<void> {
    const server = createServer((req, res) => void this.route(req, res));
    server.keepAliveTimeout = 65_000;
    server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, this.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    this.metrics ??= new NodeMetrics(
      this.served.name,
      this.name ?? `sim-${this.port}`,
      this.profile,
      {
        numRunning: () => this.engine.numRunning,
        numWaiting: () => this.engine.numWaiting,
        kvUsage: () => this.engine.kvUsage,
      },
      this.meter,
      () => this.clock.nowS(),
    );
    this.modelsBody ||= modelsJson(this.served);
  }

  setFaults(faults: Faults): void {
    this.active = parseFaults(faults);
    this.engine.slowdown = this.active.slowdown ?? 1;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
    const refuse = this.active.refuseConnections;
    if (refuse) {
      void this.close();
      if (refuse.forMs !== undefined) {
        this.reopenTimer = setTimeout(() => {
          this.reopenTimer = null;
          delete this.active.refuseConnections;
          void this.reopen();
        }, refuse.forMs);
      }
    } else {
      void this.reopen();
    }
  }

  clearFaults(): void {
    this.setFaults({});
  }

  faults(): ActiveFaults {
    return structuredClone(this.active);
  }

  stats(): SimStats {
    return { ...this.simStats };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.realtime?.stop();
    await this.close();
  }

  private async reopen(): Promise<void> {
    if (this.server || this.stopped) return;
    await this.open(this.port);
  }

  private close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?", 1)[0];
    const method = req.method ?? "GET";
    try {
      switch (path) {
        case "/v1/chat/completions":
        case "/v1/completions":
          if (method !== "POST") return methodNotAllowed(res);
          return await this.completion(path === "/v1/chat/completions" ? "chat" : "completion", req, res);
        case "/v1/models":
          return method === "GET" ? sendJson(res, 200, this.modelsBody) : methodNotAllowed(res);
        case "/health":
          if (method !== "GET") return methodNotAllowed(res);
          res.writeHead(this.active.unhealthy ? 503 : 200, { "content-length": "0" }).end();
          return;
        case "/metrics":
          return method === "GET" ? await this.sendMetrics(res) : methodNotAllowed(res);
        case "/version":
          return method === "GET" ? sendJson(res, 200, '{"version":"0.10.1.1"}') : methodNotAllowed(res);
        case "/sim/faults":
          return await this.faultsEndpoint(method, req, res);
        case "/sim/stats":
          return method === "GET" ? sendJson(res, 200, JSON.stringify(this.simStats)) : methodNotAllowed(res);
        default:
          return sendJson(res, 404, '{"detail":"Not Found"}');
      }
    } catch (error) {
      if (error instanceof SimHttpError) return sendError(res, error.status, error.message, error.param);
      if (error instanceof BodyTooLarge) return sendError(res, 400, "Request body too large.");
      sendError(res, 500, error instanceof Error ? error.message : String(error));
    }
  }

  private async completion(kind: "chat" | "completion", req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = parseJsonBody(await readBody(req));
    if (!parsed.ok) return sendError(res, 400, parsed.message);
    const fault = drawRequestFault(this.active, Math.random);
    if (fault.kind === "fail") {
      const what = fault.status === 503 ? "Service unavailable" : "Internal server error";
      return sendError(res, fault.status, `${what} (simulated fault).`);
    }
    if (fault.kind === "hang") await hang(res, fault.ms);
    if (res.destroyed) return;
    const job = kind === "chat" ? await buildChatJob(parsed.value, this.served) : await buildCompletionJob(parsed.value, this.served);
    if (res.destroyed || !this.metrics) return;
    deliver(job, req, res, {
      engine: this.realtime,
      profile: this.profile,
      metrics: this.metrics,
      meter: this.meter,
      stats: this.simStats,
      nowS: () => this.clock.nowS(),
      faults: this.active,
    });
  }

  private async sendMetrics(res: ServerResponse): Promise<void> {
    if (!this.metrics) return;
    const text = await this.metrics.render();
    res.writeHead(200, { "content-type": this.metrics.contentType }).end(text);
  }

  private async faultsEndpoint(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (method === "GET") return sendJson(res, 200, JSON.stringify(this.active));
    if (method === "DELETE") {
      this.clearFaults();
      return sendJson(res, 200, "{}");
    }
    if (method !== "POST") return methodNotAllowed(res);
    const parsed = parseJsonBody(await readBody(req));
    if (!parsed.ok) return sendError(res, 400, parsed.message);
    let faults: ActiveFaults;
    try {
      faults = parseFaults(parsed.value);
    } catch (error) {
      return sendError(res, 400, error instanceof z.ZodError ? z.prettifyError(error) : String(error));
    }
    // Answer first: refusing connections would otherwise cut off this very response.
    res.on("finish", () => this.setFaults(faults));
    sendJson(res, 200, JSON.stringify(faults));
  }
}

function methodNotAllowed(res: ServerResponse): void {
  sendJson(res, 405, '{"detail":"Method Not Allowed"}');
}

/** Holds the response back; resolves when the time is up or the client (or stop()) closes it. */
function hang(res: ServerResponse, ms: number | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = ms === undefined ? null : setTimeout(resolve, ms);
    res.once("close", () => {
      if (timer) clearTimeout(timer);
      resolve();
    });
  });
}

function modelsJson(served: ServedModel): string {
  const created = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    object: "list",
    data: [
      {
        id: served.name,
        object: "model",
        created,
        owned_by: "vllm",
        root: served.name,
        parent: null,
        max_model_len: served.maxModelLen,
        permission: [
          {
            id: `modelperm-${created.toString(16)}`,
            object: "model_permission",
            created,
            allow_create_engine: false,
            allow_sampling: true,
            allow_logprobs: true,
            allow_search_indices: false,
            allow_view: true,
            allow_fine_tuning: false,
            organization: "*",
            group: null,
            is_blocking: false,
          },
        ],
      },
    ],
  });
}
