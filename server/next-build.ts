import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const SOURCES = ["app", "server", "prisma/schema.prisma", "next.config.js", "package-lock.json", "tsconfig.json"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry)
    .filter((name) => !SKIP.has(name))
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

// A production build is made when there is none or when any source is newer
// than it, so `npm start` after a pull never serves stale pages.
export function buildIsCurrent(): boolean {
  const buildId = fs.statSync(path.join(ROOT, ".next/BUILD_ID"), { throwIfNoEntry: false });
  if (!buildId) return false;
  return SOURCES.every((s) => newestMtime(path.join(ROOT, s)) <= buildId.mtimeMs);
}

export function ensureBuild(): void {
  if (buildIsCurrent()) return;
  console.log("Building the portal (first start or changed sources)…");
  const result = spawnSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
}
