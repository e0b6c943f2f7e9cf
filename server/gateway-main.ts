import http from "node:http";
import { DATA_DIR } from "@/server/data-dir";
import { startDataPlane } from "@/server/data-plane";
import { disconnectDb } from "@/server/db";
import { applyMigrations } from "@/server/db/migrate";
import { logger } from "@/server/logger";

// The data plane on its own, for scaling out: several of these behind a load
// balancer share PostgreSQL with the portal. Each keeps its own journal.
async function main() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL must point at the portal's database");
  await applyMigrations(connectionString);
  const dataPlane = await startDataPlane({ connectionString, dataDir: process.env.GATEWAY_DATA_DIR ?? DATA_DIR });
  const port = Number(process.env.GATEWAY_PORT ?? 4000);
  const server = http.createServer((req, res) => {
    if (req.url === "/metrics") void dataPlane.metrics(req, res);
    else void dataPlane.handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, process.env.HOST ?? "0.0.0.0", resolve));
  logger.info({ port }, "gateway listening");
  const stop = async () => {
    server.close();
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), Number(process.env.SHUTDOWN_DRAIN_MS ?? 10_000)).unref();
    await new Promise((resolve) => server.on("close", resolve));
    await dataPlane.stop();
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error) => {
  logger.fatal({ err: error }, "gateway failed to start");
  process.exit(1);
});
