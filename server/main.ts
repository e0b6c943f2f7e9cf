import http from "node:http";
import path from "node:path";
import next from "next";
import { demoAccountsText, seedDemo } from "@/prisma/seed/demo";
import { CLIENT_IP_HEADER } from "@/server/auth/client-ip";
import { ensureAuthSecret } from "@/server/auth/secret";
import { DATA_DIR, PG_DATA_DIR } from "@/server/data-dir";
import { startDataPlane } from "@/server/data-plane";
import { disconnectDb, getDb } from "@/server/db";
import { prepareDatabase } from "@/server/db/bootstrap";
import { startDemoClusterIfNeeded } from "@/server/demo-cluster";
import { logger } from "@/server/logger";
import { ensureBuild } from "@/server/next-build";
import { ensureDefaultRate, smtpMailer, startAlertDelivery } from "@/server/quota";

const ROOT = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "1";
const DRAIN_MS = Number(process.env.SHUTDOWN_DRAIN_MS ?? 10_000);

function clientIp(req: http.IncomingMessage): string {
  const forwarded = req.headers["x-forwarded-for"];
  if (trustProxy && typeof forwarded === "string") return forwarded.split(",")[0]!.trim();
  return req.socket.remoteAddress ?? "unknown";
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  ensureAuthSecret(DATA_DIR);
  if (process.env.PUBLIC_URL && !process.env.NEXTAUTH_URL) process.env.NEXTAUTH_URL = process.env.PUBLIC_URL;
  if (!dev) ensureBuild();

  const database = await prepareDatabase({ dataDir: PG_DATA_DIR });
  if (database.embedded && (await getDb().tenant.count()) === 0) {
    const { created } = await seedDemo();
    logger.info({ tenants: created }, "demo data seeded");
  }
  // The demo prices usage at a default internal rate until finance sets one.
  if (database.embedded) await ensureDefaultRate();
  const sim = await startDemoClusterIfNeeded();
  const dataPlane = await startDataPlane({ connectionString: database.url, dataDir: DATA_DIR });
  const stopAlerts = startAlertDelivery({ mailer: smtpMailer() });

  const app = next({ dev, dir: ROOT, port, hostname: "localhost" });
  await app.prepare();
  const handleNext = app.getRequestHandler();

  // One port, two planes: /v1/ never enters Next's request pipeline.
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith("/v1/")) {
      void dataPlane.handle(req, res);
      return;
    }
    if (req.url === "/metrics") {
      void dataPlane.metrics(req, res);
      return;
    }
    req.headers[CLIENT_IP_HEADER] = clientIp(req);
    void handleNext(req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));

  const url = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  console.log(`\n${database.embedded ? demoAccountsText(url) : `Portal: ${url}`}`);
  if (sim) console.log(`Simulated cluster: ${sim.nodes.length} nodes (${sim.nodes.map((n) => n.url).join(", ")})`);
  console.log(`OpenAI-compatible endpoint: ${url}/v1\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: draining requests");
    // Streams in flight get a bounded time to finish; their usage is
    // journaled either way.
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    force.unref();
    await closed;
    clearTimeout(force);
    stopAlerts();
    await dataPlane.stop();
    await sim?.stop();
    await app.close();
    await disconnectDb();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  logger.fatal({ err: error }, "portal failed to start");
  process.exit(1);
});
