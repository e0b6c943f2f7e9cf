import { getDb, type Prisma } from "@/server/db";

type Tx = Pick<ReturnType<typeof getDb>, "auditLog">;

export type AuditEntry = {
  tenantId: string | null;
  actorUserId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: Prisma.InputJsonValue;
};

// Written in the same transaction as the change it describes, so the log
// cannot miss a change or record one that rolled back.
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      tenantId: entry.tenantId,
      actorUserId: entry.actorUserId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      data: entry.data ?? {},
    },
  });
}

export type AuditFilter = {
  action?: string;
  actorEmail?: string;
  from?: Date;
  to?: Date;
  cursor?: bigint;
  limit: number;
};

export async function listAudit(tenantId: string, filter: AuditFilter) {
  const db = getDb();
  const actor = filter.actorEmail
    ? await db.user.findUnique({ where: { email: filter.actorEmail.toLowerCase() }, select: { id: true } })
    : undefined;
  if (filter.actorEmail && !actor) return { items: [], nextCursor: null };
  const rows = await db.auditLog.findMany({
    where: {
      tenantId,
      ...(filter.action ? { action: { startsWith: filter.action } } : {}),
      ...(actor ? { actorUserId: actor.id } : {}),
      ...(filter.from || filter.to ? { createdAt: { gte: filter.from, lt: filter.to } } : {}),
      ...(filter.cursor ? { id: { lt: filter.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  const actorIds = [...new Set(page.map((r) => r.actorUserId).filter((id): id is string => id !== null))];
  const actors = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, email: true } });
  const emailOf = new Map(actors.map((a) => [a.id, a.email]));
  return {
    items: page.map((r) => ({
      id: r.id.toString(),
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      data: r.data,
      actorEmail: r.actorUserId ? (emailOf.get(r.actorUserId) ?? null) : null,
      createdAt: r.createdAt,
    })),
    nextCursor: rows.length > filter.limit ? page[page.length - 1]!.id.toString() : null,
  };
}
