import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// The portal as a user starts it, but on a fresh embedded database of its
// own so that every run begins from the demo data and nothing else.
const dataDir = `/tmp/portal-e2e-${process.pid}`;
fs.rmSync(dataDir, { recursive: true, force: true });
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "warn", SIM_SPEED: "5" };
delete env.DATABASE_URL;

const child = spawn("npx", ["tsx", "server/main.ts"], { cwd: path.resolve(import.meta.dirname, ".."), env, stdio: "inherit" });
const stop = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
child.on("exit", (code) => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
