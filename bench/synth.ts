import pg from "pg";
import { rebuildHourly } from "@/server/metering";

// The synthetic usage generator: a year of a busy cluster in one tenant with
// 20 departments (10 members with a personal key and 2 service keys each),
// written by PostgreSQL itself (INSERT ... SELECT generate_series), then
// rolled up hourly by the project's own rebuildHourly(), the same SQL the
// flusher uses. Service keys (applications) carry 70% of the requests, all
// day; members mostly in office hours. Deterministic (setseed).

export type SynthOptions = { rows: number; days?: number; departments?: number; membersPerDepartment?: number; serviceKeysPerDepartment?: number; end?: Date };
export type Synth = {
  tenantId: string;
  departmentIds: string[];
  /** A member of the first department, with a personal key. */
  userId: string;
  rows: number;
  hourlyRows: number;
  generateMs: number;
  rollupMs: number;
  from: Date;
  to: Date;
};

const CHUNK = 1_000_000;
export const SYNTH_MODELS = ["Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct-AWQ"];

export async function generateUsage(connectionString: string, opts: SynthOptions, progress: (line: string) => void = () => undefined): Promise<Synth> {
  const days = opts.days ?? 365;
  const departments = opts.departments ?? 20;
  const members = opts.membersPerDepartment ?? 10;
  const services = opts.serviceKeysPerDepartment ?? 2;
  const to = opts.end ?? new Date();
  const from = new Date(to.getTime() - days * 86_400_000);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const t0 = performance.now();
    await client.query("SELECT setseed(0.42)");
    const tenant = await client.query<{ id: string }>(
      `INSERT INTO "Tenant" (id, slug, name) VALUES (gen_random_uuid(), 'synth', 'Synthetic Corp') RETURNING id`,
    );
    const tenantId = tenant.rows[0]!.id;
    await client.query(
      `INSERT INTO "Department" (id, "tenantId", slug, name)
       SELECT gen_random_uuid(), $1, 'dept-' || lpad(d::text, 2, '0'), 'Department ' || d FROM generate_series(1, $2::int) d`,
      [tenantId, departments],
    );
    // Keys 0 .. members*departments-1 are personal, the rest service keys.
    await client.query(`CREATE TEMP TABLE synth_keys (idx int PRIMARY KEY, key_id uuid, dept_id uuid, user_id uuid)`);
    await client.query(
      `WITH depts AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM "Department" WHERE "tenantId" = $1),
       users AS (
         INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
         SELECT gen_random_uuid(), 'member' || u || '@synth.bench', 'Member ' || u, 'x', now() FROM generate_series(0, $2::int * $3::int - 1) u
         RETURNING id, (regexp_match(email, '\\d+'))[1]::int AS u)
       INSERT INTO synth_keys (idx, key_id, dept_id, user_id)
       SELECT u, gen_random_uuid(), d.id, users.id FROM users JOIN depts d ON d.n = users.u / $3::int`,
      [tenantId, departments, members],
    );
    await client.query(
      `INSERT INTO synth_keys (idx, key_id, dept_id, user_id)
       SELECT $2::int * $3::int + s, gen_random_uuid(), d.id, NULL
       FROM generate_series(0, $2::int * $4::int - 1) s JOIN (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM "Department" WHERE "tenantId" = $1) d ON d.n = s / $4::int`,
      [tenantId, departments, members, services],
    );
    await client.query(
      `INSERT INTO "Membership" (id, "tenantId", "userId", role, "homeDepartmentId")
       SELECT gen_random_uuid(), $1, user_id, 'MEMBER', dept_id FROM synth_keys WHERE user_id IS NOT NULL`,
      [tenantId],
    );
    await client.query(
      `INSERT INTO "ApiKey" (id, "tenantId", "departmentId", "userId", kind, name, prefix, hash, endpoints, models)
       SELECT key_id, $1, dept_id, user_id, CASE WHEN user_id IS NULL THEN 'SERVICE' ELSE 'PERSONAL' END::"ApiKeyKind",
         'synthetic ' || idx, 'syn' || idx, md5('synthetic key ' || idx), '{}', '{}' FROM synth_keys`,
      [tenantId],
    );
    const personal = departments * members;
    const service = departments * services;
    for (let start = 0; start < opts.rows; start += CHUNK) {
      const end = Math.min(opts.rows, start + CHUNK);
      // Event g's time spreads the year evenly, so inserts arrive in time
      // order as the flusher's would; members' requests move into office
      // hours (09:00-18:00 Asia/Shanghai = 01:00-10:00 UTC).
      await client.query(
        `INSERT INTO "UsageEvent" ("requestId", "tenantId", "departmentId", "userId", "apiKeyId", "nodeId", model, endpoint, source, stream,
           "promptTokens", "completionTokens", "cachedTokens", "tokenSource", status, "httpStatus", "queueMs", "ttftMs", "totalMs", cost, "startedAt", "endedAt")
         SELECT 'syn-' || lpad(g::text, 10, '0'), $1, k.dept_id, k.user_id, k.key_id, NULL,
           CASE WHEN r.m < 0.9 THEN $6::text ELSE $7::text END, 'chat.completions', 'api', r.s < 0.6,
           r.p, r.c, 0, 'upstream'::"TokenSource",
           (CASE WHEN r.st < 0.985 THEN 'ok' WHEN r.st < 0.995 THEN 'client_cancelled' ELSE 'upstream_error' END)::"UsageStatus",
           CASE WHEN r.st < 0.985 THEN 200 WHEN r.st < 0.995 THEN 499 ELSE 503 END,
           (r.q * 20)::int, 60 + (r.q * 300)::int, 60 + r.c * 17, round((r.p * 0.000002 + r.c * 0.000008)::numeric, 8),
           r.t, r.t + make_interval(secs => (60 + r.c * 17) / 1000.0)
         FROM generate_series($2::bigint, $3::bigint) g
         CROSS JOIN LATERAL (SELECT g AS gid, random() AS m, random() AS s, random() AS st, random() AS q,
           CASE WHEN random() < 0.7 THEN $4::int + floor(random() * $5::int)::int ELSE floor(random() * $4::int)::int END AS key_idx,
           50 + floor(random() * random() * 2000)::int AS p, 20 + floor(random() * random() * 600)::int AS c) r0
         CROSS JOIN LATERAL (SELECT r0.*, CASE WHEN r0.key_idx < $4::int
             THEN date_trunc('day', $8::timestamptz + ($9::timestamptz - $8::timestamptz) * ((g - 1)::float8 / $10::bigint)) + interval '1 hour' + interval '9 hours' * r0.q
             ELSE $8::timestamptz + ($9::timestamptz - $8::timestamptz) * ((g - 1)::float8 / $10::bigint) END AS t) r
         JOIN synth_keys k ON k.idx = r.key_idx`,
        [tenantId, start + 1, end, personal, service, SYNTH_MODELS[0], SYNTH_MODELS[1], from, to, opts.rows],
      );
      progress(`  generated ${end.toLocaleString("en")} / ${opts.rows.toLocaleString("en")} usage events`);
    }
    // Member events placed in office hours can land after `to` on the last day: keep the window honest.
    await client.query(`UPDATE "UsageEvent" SET "startedAt" = $2, "endedAt" = $2 WHERE "tenantId" = $1 AND "startedAt" > $2`, [tenantId, to]);
    const generateMs = performance.now() - t0;
    const t1 = performance.now();
    await rebuildHourly(tenantId);
    await client.query(`VACUUM ANALYZE "UsageEvent"`);
    await client.query(`VACUUM ANALYZE "UsageHourly"`);
    const rollupMs = performance.now() - t1;
    const hourly = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "UsageHourly" WHERE "tenantId" = $1`, [tenantId]);
    const ids = await client.query<{ id: string }>(`SELECT id FROM "Department" WHERE "tenantId" = $1 ORDER BY slug`, [tenantId]);
    const user = await client.query<{ user_id: string }>(`SELECT user_id FROM synth_keys WHERE idx = 0`);
    return {
      tenantId,
      departmentIds: ids.rows.map((r) => r.id),
      userId: user.rows[0]!.user_id,
      rows: opts.rows,
      hourlyRows: hourly.rows[0]!.n,
      generateMs,
      rollupMs,
      from,
      to,
    };
  } finally {
    await client.end();
  }
}
