import fs from "node:fs";
import { createPersonalKeyFor } from "@/server/auth/api-keys";
import { getDb } from "@/server/db";
import { createDatabase } from "@/server/db/admin";
import { startEmbeddedPostgres, type RunningPostgres } from "@/server/db/embedded";
import { applyMigrations } from "@/server/db/migrate";

// A throwaway PostgreSQL under /tmp for the whole run (never the developer's
// .data), migrated, with DATABASE_URL set for this process's services.

export type BenchDb = { pg: RunningPostgres; url: string; dir: string; stop: () => Promise<void> };

export async function startBenchDb(runDir: string): Promise<BenchDb> {
  const dir = `${runDir}/pg`;
  const pg = await startEmbeddedPostgres({ dataDir: dir, persistent: false });
  try {
    await createDatabase(pg.connectionString("postgres"), "bench");
    const url = pg.connectionString("bench");
    await applyMigrations(url);
    process.env.DATABASE_URL = url;
    return { pg, url, dir, stop: () => pg.stop() };
  } catch (error) {
    await pg.stop();
    throw error;
  }
}

export type BenchTenant = { tenantId: string; departmentId: string; userId: string; key: string; apiKeyId: string };

/** A tenant with one department and one member holding a real personal key. */
export async function createBenchTenant(slug: string): Promise<BenchTenant> {
  const db = getDb();
  const tenant = await db.tenant.create({ data: { slug, name: `Bench ${slug}` } });
  const department = await db.department.create({ data: { tenantId: tenant.id, slug: "load", name: "Load" } });
  const user = await db.user.create({ data: { email: `load@${slug}.bench`, name: "Load generator", passwordHash: "x" } });
  await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: "MEMBER", homeDepartmentId: department.id } });
  const created = await createPersonalKeyFor(
    { operator: true, tenantId: tenant.id },
    { userId: user.id, departmentId: department.id },
    { name: "bench", endpoints: [], models: [], expiresAt: null },
  );
  return { tenantId: tenant.id, departmentId: department.id, userId: user.id, key: created.key, apiKeyId: created.apiKey.id };
}

export function makeRunDir(): string {
  const dir = `/tmp/bench-${process.pid}-${Date.now().toString(36)}`;
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
