import { generatePassword, hashPassword } from "@/server/auth/password";
import { getDb } from "@/server/db";
import { AppError, conflict, forbidden, notFound } from "@/server/errors";
import type { TenantRole } from "@/server/generated/prisma/enums";
import { ALL_KEYS, notifyKeyChanged } from "@/server/auth/api-keys/notify";
import { recordAudit } from "./audit";

type Actor = { userId: string; tenantId: string; role: TenantRole };

export async function listMembers(tenantId: string) {
  const rows = await getDb().membership.findMany({
    where: { tenantId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      role: true,
      disabledAt: true,
      createdAt: true,
      homeDepartmentId: true,
      user: { select: { id: true, email: true, name: true, disabled: true } },
      departmentAdmins: { select: { departmentId: true } },
    },
  });
  return rows.map((m) => ({
    id: m.id,
    role: m.role,
    disabled: m.disabledAt !== null || m.user.disabled,
    createdAt: m.createdAt,
    homeDepartmentId: m.homeDepartmentId,
    adminOfDepartmentIds: m.departmentAdmins.map((d) => d.departmentId),
    user: { id: m.user.id, email: m.user.email, name: m.user.name },
  }));
}

// Only an owner may hand out or take away ownership.
function assertMayAssign(actor: Actor, from: TenantRole | null, to: TenantRole) {
  if ((to === "OWNER" || from === "OWNER") && actor.role !== "OWNER") {
    throw forbidden("Only an owner can grant or remove the owner role");
  }
}

async function assertDepartmentOfTenant(tenantId: string, departmentId: string | null | undefined) {
  if (!departmentId) return;
  const found = await getDb().department.findFirst({ where: { id: departmentId, tenantId, archivedAt: null }, select: { id: true } });
  if (!found) throw notFound("Department");
}

export type NewMember = { email: string; name: string; role: TenantRole; homeDepartmentId?: string | null };

// Adds an existing user to the tenant, or creates the user with a one-time
// password that is returned here and nowhere else.
export async function addMember(actor: Actor, input: NewMember) {
  assertMayAssign(actor, null, input.role);
  await assertDepartmentOfTenant(actor.tenantId, input.homeDepartmentId);
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    const already = await db.membership.findUnique({
      where: { tenantId_userId: { tenantId: actor.tenantId, userId: existing.id } },
      select: { id: true },
    });
    if (already) throw conflict(`${email} is already a member`);
  }
  const initialPassword = existing ? null : generatePassword();
  const passwordHash = initialPassword ? await hashPassword(initialPassword) : null;
  const membership = await db.$transaction(async (tx) => {
    const userId = existing?.id ?? (await tx.user.create({ data: { email, name: input.name, passwordHash } })).id;
    const created = await tx.membership.create({
      data: { tenantId: actor.tenantId, userId, role: input.role, homeDepartmentId: input.homeDepartmentId ?? null },
    });
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "member.add",
      targetType: "membership",
      targetId: created.id,
      data: { email, role: input.role, newUser: !existing },
    });
    return created;
  });
  return { membershipId: membership.id, initialPassword };
}

async function findMembership(tenantId: string, membershipId: string) {
  const m = await getDb().membership.findFirst({
    where: { id: membershipId, tenantId },
    select: { id: true, role: true, userId: true, disabledAt: true, homeDepartmentId: true },
  });
  if (!m) throw notFound("Member");
  return m;
}

async function assertNotLastOwner(tenantId: string, membershipId: string) {
  const owners = await getDb().membership.count({ where: { tenantId, role: "OWNER", disabledAt: null, id: { not: membershipId } } });
  if (owners === 0) throw new AppError("BAD_REQUEST", "A tenant must keep at least one active owner");
}

export async function changeMemberRole(actor: Actor, membershipId: string, role: TenantRole) {
  const member = await findMembership(actor.tenantId, membershipId);
  assertMayAssign(actor, member.role, role);
  if (member.role === "OWNER" && role !== "OWNER") await assertNotLastOwner(actor.tenantId, member.id);
  return getDb().$transaction(async (tx) => {
    await tx.membership.update({ where: { id: member.id }, data: { role } });
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "member.role",
      targetType: "membership",
      targetId: member.id,
      data: { from: member.role, to: role },
    });
  });
}

export async function setMemberDisabled(actor: Actor, membershipId: string, disabled: boolean) {
  const member = await findMembership(actor.tenantId, membershipId);
  if (member.userId === actor.userId) throw new AppError("BAD_REQUEST", "You cannot disable yourself");
  if (member.role === "OWNER") {
    assertMayAssign(actor, member.role, member.role);
    if (disabled) await assertNotLastOwner(actor.tenantId, member.id);
  }
  return getDb().$transaction(async (tx) => {
    await tx.membership.update({ where: { id: member.id }, data: { disabledAt: disabled ? new Date() : null } });
    // The member's personal keys stop at once in every gateway process.
    await notifyKeyChanged(tx, ALL_KEYS);
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: disabled ? "member.disable" : "member.enable",
      targetType: "membership",
      targetId: member.id,
    });
  });
}

export async function setMemberDepartments(
  actor: Actor,
  membershipId: string,
  input: { homeDepartmentId: string | null; adminOfDepartmentIds: string[] },
) {
  const member = await findMembership(actor.tenantId, membershipId);
  const ids = [...new Set([input.homeDepartmentId, ...input.adminOfDepartmentIds].filter((d): d is string => !!d))];
  const found = await getDb().department.count({ where: { tenantId: actor.tenantId, id: { in: ids } } });
  if (found !== ids.length) throw notFound("Department");
  return getDb().$transaction(async (tx) => {
    await tx.membership.update({ where: { id: member.id }, data: { homeDepartmentId: input.homeDepartmentId } });
    await tx.departmentAdmin.deleteMany({ where: { membershipId: member.id, tenantId: actor.tenantId } });
    await tx.departmentAdmin.createMany({
      data: [...new Set(input.adminOfDepartmentIds)].map((departmentId) => ({ tenantId: actor.tenantId, membershipId: member.id, departmentId })),
    });
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "member.departments",
      targetType: "membership",
      targetId: member.id,
      data: input,
    });
  });
}
