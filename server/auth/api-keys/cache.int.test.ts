import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { createTenantFixture, type TenantFixture } from "@/server/trpc/testing/fixtures";
import { createKeyCache, type KeyCache } from "./cache";
import { generateApiKey } from "./key-format";

let f: TenantFixture;
const caches: KeyCache[] = [];
const connectionString = () => process.env.DATABASE_URL!;

// Long lifetimes: only a notification can make these caches forget a key.
async function cache(opts: Partial<Parameters<typeof createKeyCache>[0]> = {}) {
  const created = await createKeyCache({ connectionString: connectionString(), ttlMs: 600_000, negativeTtlMs: 600_000, ...opts });
  caches.push(created);
  return created;
}

async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

const newPersonalKey = (name: string, extra: { expiresAt?: Date } = {}) =>
  f.member.caller.apiKeys.createPersonal({ tenantId: f.tenantId, name, ...extra });

beforeAll(async () => {
  f = await createTenantFixture("cache");
});

afterAll(async () => {
  await Promise.all(caches.map((c) => c.close()));
});

describe("key cache", () => {
  it("finds a key by its full text and nothing else", async () => {
    const c = await cache();
    const { key, apiKey } = await newPersonalKey("lookup");
    expect(await c.lookup(key)).toEqual({
      keyId: apiKey.id,
      tenantId: f.tenantId,
      departmentId: f.departmentIds[0],
      userId: f.member.userId,
      kind: "PERSONAL",
      prefix: apiKey.prefix,
      endpoints: [],
      models: [],
      expiresAt: null,
    });
    expect(await c.lookup(generateApiKey().key)).toBeNull();
    expect(await c.lookup(apiKey.prefix)).toBeNull();
    expect(await c.lookup(`${key} `)).toBeNull();
  });

  it("a revocation reaches every process within a second, though each had the key cached", async () => {
    const [one, two] = [await cache(), await cache()];
    const { key, apiKey } = await newPersonalKey("two gateways");
    expect(await one.lookup(key)).not.toBeNull();
    expect(await two.lookup(key)).not.toBeNull();
    // Changed behind the caches' backs (no NOTIFY): both still answer from memory.
    await getDb().apiKey.update({ where: { id: apiKey.id }, data: { revokedAt: new Date() } });
    expect(await two.lookup(key)).not.toBeNull();
    await getDb().apiKey.update({ where: { id: apiKey.id }, data: { revokedAt: null } });

    await f.member.caller.apiKeys.revoke({ tenantId: f.tenantId, apiKeyId: apiKey.id });
    await within(1000, async () => (await one.lookup(key)) === null && (await two.lookup(key)) === null);
  });

  it("a rotation ends the old key everywhere and the new one works", async () => {
    const c = await cache();
    const old = await newPersonalKey("rotate me");
    expect(await c.lookup(old.key)).not.toBeNull();
    const rotated = await f.member.caller.apiKeys.rotate({ tenantId: f.tenantId, apiKeyId: old.apiKey.id });
    await within(1000, async () => (await c.lookup(old.key)) === null);
    expect(await c.lookup(rotated.key)).toMatchObject({ keyId: rotated.apiKey.id });
  });

  it("during a rotation's grace the old key works until its end", async () => {
    const c = await cache();
    const old = await newPersonalKey("grace");
    await c.lookup(old.key);
    await f.member.caller.apiKeys.rotate({ tenantId: f.tenantId, apiKeyId: old.apiKey.id, graceSeconds: 1 });
    await within(1000, async () => (await c.lookup(old.key))?.expiresAt != null);
    await within(2000, async () => (await c.lookup(old.key)) === null);
  });

  it("an expired key is refused, cached or not", async () => {
    const c = await cache();
    const { key } = await newPersonalKey("short-lived", { expiresAt: new Date(Date.now() + 800) });
    expect(await c.lookup(key)).not.toBeNull();
    await within(2000, async () => (await c.lookup(key)) === null);
    expect(await (await cache()).lookup(key)).toBeNull();
  });

  it("refuses the keys of disabled members and archived departments", async () => {
    const c = await cache();
    const g = await createTenantFixture("orphans");
    const member = await g.member.caller.apiKeys.createPersonal({ tenantId: g.tenantId, name: "m" });
    const service = await g.owner.caller.apiKeys.createService({ tenantId: g.tenantId, departmentId: g.departmentIds[1], name: "s" });
    expect(await c.lookup(member.key)).not.toBeNull();
    await g.admin.caller.members.setDisabled({ tenantId: g.tenantId, membershipId: g.member.membershipId, disabled: true });
    await g.admin.caller.departments.archive({ tenantId: g.tenantId, departmentId: g.departmentIds[1], archived: true });
    const fresh = await cache();
    expect(await fresh.lookup(member.key)).toBeNull();
    expect(await fresh.lookup(service.key)).toBeNull();
  });

  it("remembers unknown keys for a while, sparing the database", async () => {
    const c = await cache({ negativeTtlMs: 300 });
    const { key, hash, prefix } = generateApiKey();
    expect(await c.lookup(key)).toBeNull();
    await getDb().apiKey.create({ data: { tenantId: f.tenantId, departmentId: f.departmentIds[0], kind: "SERVICE", name: "late", hash, prefix, endpoints: [], models: [] } });
    expect(await c.lookup(key)).toBeNull();
    await within(1000, async () => (await c.lookup(key)) !== null);
  });

  it("writes lastUsedAt in batches off the request path", async () => {
    const c = await cache({ flushIntervalMs: 100 });
    const a = await newPersonalKey("used a");
    const b = await newPersonalKey("used b");
    c.touch(a.apiKey.id);
    c.touch(b.apiKey.id);
    c.touch(a.apiKey.id);
    const lastUsed = async () => (await getDb().apiKey.findMany({ where: { id: { in: [a.apiKey.id, b.apiKey.id] } } })).map((k) => k.lastUsedAt);
    expect(await lastUsed()).toEqual([null, null]);
    await within(2000, async () => (await lastUsed()).every((d) => d !== null));

    const d = await newPersonalKey("flushed on close");
    const closing = await createKeyCache({ connectionString: connectionString(), flushIntervalMs: 60_000 });
    closing.touch(d.apiKey.id);
    await closing.close();
    expect((await getDb().apiKey.findUniqueOrThrow({ where: { id: d.apiKey.id } })).lastUsedAt).not.toBeNull();
  });

  it("reconnects after losing its LISTEN connection and misses no revocation", async () => {
    const c = await cache({ listener: { retryMinMs: 50, retryMaxMs: 200 } });
    const { key, apiKey } = await newPersonalKey("reconnect");
    expect(await c.lookup(key)).not.toBeNull();
    const admin = new pg.Client({ connectionString: connectionString() });
    await admin.connect();
    const listeners = `SELECT pid FROM pg_stat_activity WHERE application_name = 'portal-key-cache' AND datname = current_database()`;
    try {
      const before = (await admin.query(listeners)).rowCount!;
      await admin.query(`SELECT pg_terminate_backend(pid) FROM (${listeners}) l`);
      await f.member.caller.apiKeys.revoke({ tenantId: f.tenantId, apiKeyId: apiKey.id });
      await within(1000, async () => (await c.lookup(key)) === null);
      await within(3000, async () => (await admin.query(listeners)).rowCount === before);
    } finally {
      await admin.end();
    }
    // Listening again: a revocation still arrives.
    const next = await newPersonalKey("after reconnect");
    expect(await c.lookup(next.key)).not.toBeNull();
    await f.member.caller.apiKeys.revoke({ tenantId: f.tenantId, apiKeyId: next.apiKey.id });
    await within(1000, async () => (await c.lookup(next.key)) === null);
  });
});
