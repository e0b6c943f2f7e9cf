import { getDb, type Prisma } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { recordAudit } from "@/server/tenancy/audit";
import { forecast, forecastLine, type BurnPoint } from "./forecast";
import { QUOTA_CHANGED_CHANNEL } from "./gate";
import { quotaSettings, rateSettings, type QuotaSettings, type RateSettings } from "./schema";

export type QuotaActor = { userId: string | null; tenantId: string };
type Tx = Prisma.TransactionClient;

const notifyChanged = (tx: Tx) => tx.$executeRaw`SELECT pg_notify(${QUOTA_CHANGED_CHANNEL}, '')`;

// The quota's fields as the audit log and the pages show them (BigInt and
// Decimal as strings).
function plain<T extends { tokenLimit: bigint | null; spendLimit: Prisma.Decimal | null }>(q: T): Omit<T, "tokenLimit" | "spendLimit"> & { tokenLimit: string | null; spendLimit: string | null } {
  return { ...q, tokenLimit: q.tokenLimit?.toString() ?? null, spendLimit: q.spendLimit?.toString() ?? null };
}

async function resolveScope(tx: Tx, tenantId: string, s: ReturnType<typeof quotaSettings.parse>) {
  const department = await tx.department.findFirst({ where: { id: s.departmentId, tenantId }, select: { id: true } });
  if (!department) throw notFound("Department");
  if (s.tokenLimit == null && s.spendLimit == null && s.rpm == null && s.tpm == null) {
    throw new AppError("BAD_REQUEST", "Set at least one limit: tokens, spend, requests or tokens per minute");
  }
  if (s.scope === "MEMBER" && !s.userId) throw new AppError("BAD_REQUEST", "A member quota needs a member", { param: "userId" });
  if (s.scope === "KEY" && !s.apiKeyId) throw new AppError("BAD_REQUEST", "A key quota needs an API key", { param: "apiKeyId" });
  if (s.scope === "MEMBER") {
    const member = await tx.membership.findFirst({ where: { tenantId, userId: s.userId! }, select: { id: true } });
    if (!member) throw notFound("Member");
    return { userId: s.userId!, apiKeyId: null, scopeKey: `user:${s.userId}` };
  }
  if (s.scope === "KEY") {
    const key = await tx.apiKey.findFirst({ where: { id: s.apiKeyId!, tenantId, departmentId: s.departmentId }, select: { id: true } });
    if (!key) throw notFound("API key");
    return { userId: null, apiKeyId: s.apiKeyId!, scopeKey: `key:${s.apiKeyId}` };
  }
  return { userId: null, apiKeyId: null, scopeKey: "department" };
}

/** Creates or replaces the quota of a scope (one per department, member or key). */
export async function setQuota(actor: QuotaActor, input: QuotaSettings) {
  const s = quotaSettings.parse(input);
  return getDb().$transaction(async (tx) => {
    const scope = await resolveScope(tx, actor.tenantId, s);
    const fields = {
      period: s.period,
      tokenLimit: s.tokenLimit == null ? null : BigInt(s.tokenLimit),
      outputWeight: s.outputWeight,
      spendLimit: s.spendLimit ?? null,
      rpm: s.rpm ?? null,
      tpm: s.tpm ?? null,
      hard: s.hard,
      thresholds: [...new Set(s.thresholds)].sort((a, b) => a - b),
      updatedById: actor.userId,
    };
    const where = { departmentId_scopeKey: { departmentId: s.departmentId, scopeKey: scope.scopeKey } };
    const before = await tx.quota.findUnique({ where });
    const quota = await tx.quota.upsert({
      where,
      create: { tenantId: actor.tenantId, departmentId: s.departmentId, scope: s.scope, ...scope, ...fields },
      update: fields,
    });
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: before ? "quota.update" : "quota.create",
      targetType: "quota",
      targetId: quota.id,
      data: { before: before ? plain(before) : null, after: plain(quota) } as Prisma.InputJsonValue,
    });
    await tx.$executeRaw`SELECT quota_open_counter(${quota.id}::uuid, now())`;
    await notifyChanged(tx);
    return plain(quota);
  });
}

export async function deleteQuota(actor: QuotaActor, quotaId: string) {
  return getDb().$transaction(async (tx) => {
    const quota = await tx.quota.findFirst({ where: { id: quotaId, tenantId: actor.tenantId } });
    if (!quota) throw notFound("Quota");
    await tx.quota.delete({ where: { id: quotaId } });
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "quota.delete",
      targetType: "quota",
      targetId: quotaId,
      data: { before: plain(quota) } as Prisma.InputJsonValue,
    });
    await notifyChanged(tx);
  });
}

export async function assertDepartmentOf(tenantId: string, departmentId: string): Promise<void> {
  const department = await getDb().department.findFirst({ where: { id: departmentId, tenantId }, select: { id: true } });
  if (!department) throw notFound("Department");
}

export async function findQuota(tenantId: string, quotaId: string) {
  const quota = await getDb().quota.findFirst({ where: { id: quotaId, tenantId }, select: { id: true, departmentId: true } });
  if (!quota) throw notFound("Quota");
  return quota;
}

type StatusRow = {
  id: string;
  departmentId: string;
  scope: "DEPARTMENT" | "MEMBER" | "KEY";
  userId: string | null;
  apiKeyId: string | null;
  period: "DAY" | "WEEK" | "MONTH";
  tokenLimit: bigint | null;
  outputWeight: number;
  spendLimit: Prisma.Decimal | null;
  rpm: number | null;
  tpm: number | null;
  hard: boolean;
  thresholds: number[];
  updatedAt: Date;
  periodStart: Date;
  periodEnd: Date;
  usedTokens: bigint | null;
  reservedTokens: bigint | null;
  usedSpend: Prisma.Decimal | null;
  reservedSpend: Prisma.Decimal | null;
  requests: number | null;
  departmentName: string;
  userEmail: string | null;
  keyPrefix: string | null;
  keyName: string | null;
};

export type QuotaStatus = ReturnType<typeof toStatus>;

function toStatus(r: StatusRow) {
  const usedTokens = r.usedTokens ?? 0n;
  const reservedTokens = r.reservedTokens ?? 0n;
  const usedSpend = r.usedSpend?.toString() ?? "0";
  const remainingTokens = r.tokenLimit === null ? null : r.tokenLimit - usedTokens - reservedTokens;
  return {
    id: r.id,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    scope: r.scope,
    userId: r.userId,
    userEmail: r.userEmail,
    apiKeyId: r.apiKeyId,
    keyLabel: r.keyPrefix ? `${r.keyName ?? ""} (${r.keyPrefix}…)` : null,
    period: r.period,
    tokenLimit: r.tokenLimit?.toString() ?? null,
    outputWeight: r.outputWeight,
    spendLimit: r.spendLimit?.toString() ?? null,
    rpm: r.rpm,
    tpm: r.tpm,
    hard: r.hard,
    thresholds: r.thresholds,
    updatedAt: r.updatedAt,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    usedTokens: usedTokens.toString(),
    reservedTokens: reservedTokens.toString(),
    remainingTokens: remainingTokens === null ? null : (remainingTokens < 0n ? 0n : remainingTokens).toString(),
    usedSpend,
    reservedSpend: r.reservedSpend?.toString() ?? "0",
    remainingSpend: r.spendLimit === null ? null : r.spendLimit.sub(usedSpend).sub(r.reservedSpend ?? 0).toFixed(8),
    requests: r.requests ?? 0,
  };
}

/** Quotas with this period's use; departmentIds null: all of the tenant's. */
export async function listQuotas(tenantId: string, filter: { departmentIds: string[] | null; quotaIds?: string[]; at?: Date }) {
  const at = filter.at ?? new Date();
  const rows = await getDb().$queryRaw<StatusRow[]>`
    SELECT q.id, q."departmentId", q.scope::text AS scope, q."userId", q."apiKeyId", q.period::text AS period, q."tokenLimit", q."outputWeight",
      q."spendLimit", q.rpm, q.tpm, q.hard, q.thresholds, q."updatedAt", p.ps AS "periodStart", p.pe AS "periodEnd",
      c."usedTokens", c."reservedTokens", c."usedSpend", c."reservedSpend", c.requests,
      d.name AS "departmentName", u.email AS "userEmail", k.prefix AS "keyPrefix", k.name AS "keyName"
    FROM "Quota" q
    JOIN "Tenant" t ON t.id = q."tenantId"
    JOIN "Department" d ON d.id = q."departmentId"
    LEFT JOIN "User" u ON u.id = q."userId"
    LEFT JOIN "ApiKey" k ON k.id = q."apiKeyId"
    CROSS JOIN LATERAL (SELECT quota_period_start(q.period, t.timezone, ${at}::timestamptz) AS ps, quota_period_end(q.period, t.timezone, ${at}::timestamptz) AS pe) p
    LEFT JOIN "QuotaCounter" c ON c."quotaId" = q.id AND c."periodStart" = p.ps
    WHERE q."tenantId" = ${tenantId}::uuid
      AND (${filter.departmentIds === null} OR q."departmentId" = ANY(${filter.departmentIds ?? []}::uuid[]))
      AND (${!filter.quotaIds} OR q.id = ANY(${filter.quotaIds ?? []}::uuid[]))
    ORDER BY d.name, q.scope, u.email NULLS FIRST, k.prefix NULLS FIRST`;
  return rows.map(toStatus);
}

/** The quotas that apply to a member's own use (their home department's, their own). */
export async function myQuotas(userId: string, tenantId: string) {
  const db = getDb();
  const membership = await db.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } }, select: { homeDepartmentId: true } });
  const keys = await db.apiKey.findMany({ where: { tenantId, userId, revokedAt: null }, select: { id: true } });
  const quotas = await db.quota.findMany({
    where: {
      tenantId,
      OR: [
        ...(membership?.homeDepartmentId ? [{ departmentId: membership.homeDepartmentId, scope: "DEPARTMENT" as const }] : []),
        { userId },
        { apiKeyId: { in: keys.map((k) => k.id) } },
      ],
    },
    select: { id: true },
  });
  if (quotas.length === 0) return [];
  return listQuotas(tenantId, { departmentIds: null, quotaIds: quotas.map((q) => q.id) });
}

type DayRow = { bucket: Date; tokens: bigint; spend: Prisma.Decimal };

/** The quota's use through its current period, bucketed (hours for a day, days otherwise), and where it is heading. */
export async function burnDown(tenantId: string, quotaId: string, now = new Date()) {
  const [status] = await listQuotas(tenantId, { departmentIds: null, quotaIds: [quotaId], at: now });
  if (!status) throw notFound("Quota");
  const unit = status.period === "DAY" ? "hour" : "day";
  const tz = (await getDb().tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { timezone: true } })).timezone;
  const rows = await getDb().$queryRaw<DayRow[]>`
    SELECT date_trunc(${unit}, e."startedAt" AT TIME ZONE ${tz}) AT TIME ZONE ${tz} AS bucket,
      sum(e."promptTokens" + ${status.outputWeight}::int * e."completionTokens")::bigint AS tokens,
      sum(coalesce(e.cost, 0)) AS spend
    FROM "UsageEvent" e
    WHERE e."tenantId" = ${tenantId}::uuid AND e."departmentId" = ${status.departmentId}::uuid
      AND (${status.scope !== "MEMBER"} OR e."userId" = ${status.userId}::uuid)
      AND (${status.scope !== "KEY"} OR e."apiKeyId" = ${status.apiKeyId}::uuid)
      AND e."startedAt" >= ${status.periodStart} AND e."startedAt" < ${status.periodEnd}
    GROUP BY 1 ORDER BY 1`;
  const money = status.tokenLimit === null && status.spendLimit !== null;
  const limit = money ? Number(status.spendLimit) : status.tokenLimit === null ? null : Number(status.tokenLimit);
  let running = 0;
  const points: BurnPoint[] = [{ at: status.periodStart, used: 0 }];
  for (const r of rows) {
    running += money ? Number(r.spend) : Number(r.tokens);
    points.push({ at: new Date(Math.min(r.bucket.getTime() + (unit === "hour" ? 3_600_000 : 86_400_000), now.getTime())), used: running });
  }
  const used = money ? Number(status.usedSpend) : Number(status.usedTokens);
  const f = forecast(used, limit, status.periodStart, status.periodEnd, now);
  return {
    quota: status,
    unit: money ? ("money" as const) : ("tokens" as const),
    limit,
    points,
    forecast: forecastLine(f, used, limit, now, status.periodEnd),
    exhaustedAt: f.exhaustedAt,
    projected: f.projected,
  };
}

/** Alerts raised for the tenant's quotas, newest first (the in-app notifications). */
export async function listAlerts(tenantId: string, filter: { departmentIds: string[] | null; limit: number }) {
  const rows = await getDb().$queryRaw<
    { id: string; quotaId: string; kind: string; threshold: number; usedTokens: bigint; usedSpend: Prisma.Decimal; createdAt: Date; deliveryState: string; departmentName: string; scope: string; period: string }[]
  >`
    SELECT a.id, a."quotaId", a.kind, a.threshold, a."usedTokens", a."usedSpend", a."createdAt", a."deliveryState", d.name AS "departmentName", q.scope::text AS scope, q.period::text AS period
    FROM "QuotaAlert" a JOIN "Quota" q ON q.id = a."quotaId" JOIN "Department" d ON d.id = q."departmentId"
    WHERE a."tenantId" = ${tenantId}::uuid AND (${filter.departmentIds === null} OR q."departmentId" = ANY(${filter.departmentIds ?? []}::uuid[]))
    ORDER BY a."createdAt" DESC LIMIT ${filter.limit}`;
  return rows.map((r) => ({ ...r, usedTokens: r.usedTokens.toString(), usedSpend: r.usedSpend.toString() }));
}

/** Who changed the tenant's quotas, newest first. */
export async function quotaHistory(tenantId: string, quotaIds: string[] | null, limit = 50) {
  const rows = await getDb().auditLog.findMany({
    where: { tenantId, action: { startsWith: "quota." }, ...(quotaIds ? { targetId: { in: quotaIds } } : {}) },
    orderBy: { id: "desc" },
    take: limit,
  });
  const actors = await getDb().user.findMany({ where: { id: { in: rows.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])) } }, select: { id: true, email: true } });
  const emailOf = new Map(actors.map((a) => [a.id, a.email]));
  return rows.map((r) => ({ id: r.id.toString(), action: r.action, quotaId: r.targetId, data: r.data, actorEmail: r.actorUserId ? (emailOf.get(r.actorUserId) ?? null) : null, createdAt: r.createdAt }));
}

// ---------------------------------------------------------------------------
// The internal chargeback rate.

export async function listRates(tenantId?: string | null) {
  const rows = await getDb().internalRate.findMany({
    where: tenantId === undefined ? {} : { OR: [{ tenantId: null }, { tenantId }] },
    orderBy: [{ effectiveFrom: "desc" }, { createdAt: "desc" }],
    take: 100,
  });
  return rows.map((r) => ({ ...r, inputPerMillion: r.inputPerMillion.toString(), outputPerMillion: r.outputPerMillion.toString() }));
}

export async function setRate(actorUserId: string | null, input: RateSettings) {
  const s = rateSettings.parse(input);
  return getDb().$transaction(async (tx) => {
    if (s.tenantId && !(await tx.tenant.findUnique({ where: { id: s.tenantId }, select: { id: true } }))) throw notFound("Tenant");
    const rate = await tx.internalRate.create({
      data: { tenantId: s.tenantId, inputPerMillion: s.inputPerMillion, outputPerMillion: s.outputPerMillion, currency: s.currency, effectiveFrom: s.effectiveFrom ?? new Date(), createdById: actorUserId },
    });
    await recordAudit(tx, {
      tenantId: s.tenantId,
      actorUserId,
      action: "internalRate.set",
      targetType: "internalRate",
      targetId: rate.id,
      data: { inputPerMillion: s.inputPerMillion, outputPerMillion: s.outputPerMillion, currency: s.currency, effectiveFrom: rate.effectiveFrom.toISOString() },
    });
    await notifyChanged(tx);
    return { ...rate, inputPerMillion: rate.inputPerMillion.toString(), outputPerMillion: rate.outputPerMillion.toString() };
  });
}

/** The demo's default rate, when none exists: CNY 2 per 1M input tokens, 8 per 1M output tokens. */
export async function ensureDefaultRate(): Promise<void> {
  if ((await getDb().internalRate.count()) > 0) return;
  await setRate(null, { inputPerMillion: "2", outputPerMillion: "8", currency: "CNY", effectiveFrom: new Date("2020-01-01T00:00:00Z") });
}
