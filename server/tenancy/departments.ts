import { getDb } from "@/server/db";
import { conflict, notFound } from "@/server/errors";
import { ALL_KEYS, notifyKeyChanged } from "@/server/auth/api-keys/notify";
import { recordAudit } from "./audit";

type Actor = { userId: string | null; tenantId: string };

export async function listDepartments(tenantId: string, includeArchived: boolean) {
  const departments = await getDb().department.findMany({
    where: { tenantId, ...(includeArchived ? {} : { archivedAt: null }) },
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true, createdAt: true, archivedAt: true, _count: { select: { homeMembers: true } } },
  });
  return departments.map(({ _count, ...d }) => ({ ...d, memberCount: _count.homeMembers }));
}

export async function createDepartment(actor: Actor, input: { slug: string; name: string }) {
  const db = getDb();
  const existing = await db.department.findUnique({
    where: { tenantId_slug: { tenantId: actor.tenantId, slug: input.slug } },
    select: { id: true },
  });
  if (existing) throw conflict(`A department with slug "${input.slug}" already exists`);
  return db.$transaction(async (tx) => {
    const department = await tx.department.create({ data: { tenantId: actor.tenantId, ...input } });
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "department.create",
      targetType: "department",
      targetId: department.id,
      data: input,
    });
    return department;
  });
}

async function updateDepartment(
  actor: Actor,
  departmentId: string,
  action: string,
  data: { name?: string; archivedAt?: Date | null },
) {
  return getDb().$transaction(async (tx) => {
    const before = await tx.department.findFirst({ where: { id: departmentId, tenantId: actor.tenantId } });
    if (!before) throw notFound("Department");
    const after = await tx.department.update({ where: { id: before.id }, data });
    // Keys of an archived department stop at once in every gateway process.
    if (data.archivedAt !== undefined) await notifyKeyChanged(tx, ALL_KEYS);
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action,
      targetType: "department",
      targetId: before.id,
      data: { from: { name: before.name, archived: before.archivedAt !== null }, to: { name: after.name, archived: after.archivedAt !== null } },
    });
    return after;
  });
}

export const renameDepartment = (actor: Actor, departmentId: string, name: string) =>
  updateDepartment(actor, departmentId, "department.rename", { name });

export const archiveDepartment = (actor: Actor, departmentId: string, archived: boolean) =>
  updateDepartment(actor, departmentId, archived ? "department.archive" : "department.restore", {
    archivedAt: archived ? new Date() : null,
  });

export async function getHomeDepartment(userId: string, tenantId: string) {
  const membership = await getDb().membership.findUnique({
    where: { tenantId_userId: { tenantId, userId } },
    select: { homeDepartment: { select: { id: true, slug: true, name: true } } },
  });
  return membership?.homeDepartment ?? null;
}
