import fs from "node:fs";
import path from "node:path";
import { disconnectDb } from "@/server/db";
import { createBenchTenant, makeRunDir, startBenchDb } from "./env";
import { runLoad } from "./load";
import { stopAll } from "./procs";
import { chatBody, startOurGateway, startSim } from "./targets";

// `npx tsx bench/profile-gateway.ts [--stream] [--requests N]`: runs our
// gateway under --cpu-prof with closed-loop load (50 connections), then
// prints the functions with the most self time. The .cpuprofile is kept for
// Chrome DevTools / speedscope.
const args = process.argv.slice(2);
const stream = args.includes("--stream");
const requests = Number(args[args.indexOf("--requests") + 1] || 20_000) || 20_000;

const dir = makeRunDir();
const profDir = path.join(dir, "prof");
const db = await startBenchDb(dir);
try {
  const tenant = await createBenchTenant("profile");
  const sim = await startSim();
  const gw = await startOurGateway({ databaseUrl: db.url, dataDir: `${dir}/gateway`, simUrl: sim.url, key: tenant.key, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profDir}`] });
  const load = { origin: gw.origin, path: gw.path, headers: gw.headers, body: chatBody(stream), stream, connections: 50, rate: 0 };
  await runLoad({ ...load, amount: 2_000 });
  const r = await runLoad({ ...load, amount: requests });
  console.log(`${r.ok} ok in ${(r.wallMs / 1000).toFixed(1)} s: ${((r.ok / r.wallMs) * 1000).toFixed(0)} req/s`);
  await gw.child!.stop();
  const file = fs.readdirSync(profDir).find((f) => f.endsWith(".cpuprofile"))!;
  const kept = path.join("/tmp", `gateway-${stream ? "stream" : "json"}-${Date.now()}.cpuprofile`);
  fs.copyFileSync(path.join(profDir, file), kept);
  summarise(JSON.parse(fs.readFileSync(kept, "utf8")));
  console.log(`profile: ${kept}`);
} finally {
  await stopAll();
  await disconnectDb();
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

function summarise(profile: Profile): void {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    const file = node.callFrame.url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "") || "(native)";
    const name = `${node.callFrame.functionName || "(anonymous)"} ${file}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const bucket = file.includes("node_modules/") ? file.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, "npm:$1") : file.startsWith("node:") ? "node internals" : file;
    byFile.set(bucket, (byFile.get(bucket) ?? 0) + us);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`).join("\n");
  console.log(`\nself time by function (top 25 of ${(total / 1000).toFixed(0)} ms sampled):\n${top(byFunction, 25)}`);
  console.log(`\nself time by file or package (top 20):\n${top(byFile, 20)}`);
}
