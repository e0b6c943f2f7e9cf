import { getDb, type Prisma } from "@/server/db";
import { AppError, forbidden, notFound } from "@/server/errors";
import { recordAudit } from "@/server/tenancy/audit";
import { liveDepartment, managesDepartmentKeys, tenantOf, userOf, type KeyActor, type MemberActor, type OperatorActor } from "./actor";
import { generateApiKey } from "./key-format";
import type { ParsedKeySettings } from "./key-scopes";
import { LISTED_KEY_SELECT, toListedKey, type ListedKey } from "./listed-key";

export type NewKey = {
  tenantId: string;
  departmentId: string;
  userId: string | null;
  kind: "PERSONAL" | "SERVICE";
  // Validated on the way in; a rotation copies them from the stored key.
  settings: { name: string; endpoints: string[]; models: string[]; expiresAt?: Date | null };
  rotation?: { fromId: string; graceSeconds: number };
};

/** The full key is in this result and nowhere else: only its hash is stored. */
export type CreatedKey = { key: string; apiKey: ListedKey };

export async function insertKey(tx: Prisma.TransactionClient, actorUserId: string | null, input: NewKey): Promise<CreatedKey> {
  const { key, hash, prefix } = generateApiKey();
  const row = await tx.apiKey.create({
    data: {
      tenantId: input.tenantId,
      departmentId: input.departmentId,
      userId: input.userId,
      kind: input.kind,
      name: input.settings.name,
      endpoints: input.settings.endpoints,
      models: input.settings.models,
      expiresAt: input.settings.expiresAt ?? null,
      prefix,
      hash,
      createdById: actorUserId,
      rotatedFromId: input.rotation?.fromId ?? null,
    },
    select: LISTED_KEY_SELECT,
  });
  await recordAudit(tx, {
    tenantId: input.tenantId,
    actorUserId,
    action: input.rotation ? "apiKey.rotate" : "apiKey.create",
    targetType: "apiKey",
    targetId: row.id,
    data: {
      kind: row.kind,
      name: row.name,
      prefix,
      departmentId: row.departmentId,
      userId: row.userId,
      endpoints: row.endpoints,
      models: row.models,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      ...(input.rotation ? { rotatedFromId: input.rotation.fromId, graceSeconds: input.rotation.graceSeconds } : {}),
    },
  });
  return { key, apiKey: toListedKey(row) };
}

const create = (actor: KeyActor, input: NewKey) => getDb().$transaction((tx) => insertKey(tx, userOf(actor), input));

/** A member's own key, in their home department: usage is theirs. */
export async function createPersonalKey(actor: MemberActor, settings: ParsedKeySettings): Promise<CreatedKey> {
  const departmentId = actor.access.homeDepartmentId;
  if (!departmentId) {
    throw forbidden("You have no home department yet: ask an admin to set one before creating a personal key");
  }
  await liveDepartment(actor.access.tenantId, departmentId);
  return create(actor, { tenantId: actor.access.tenantId, departmentId, userId: actor.userId, kind: "PERSONAL", settings });
}

/** A key of a department rather than of a person, for its applications. */
export async function createServiceKey(actor: KeyActor, departmentId: string, settings: ParsedKeySettings): Promise<CreatedKey> {
  const tenantId = tenantOf(actor);
  if (!managesDepartmentKeys(actor, departmentId)) throw forbidden("Only an admin of this department can create its service keys");
  await liveDepartment(tenantId, departmentId);
  return create(actor, { tenantId, departmentId, userId: null, kind: "SERVICE", settings });
}

/** The operator issues a personal key on a member's behalf (CLI). */
export async function createPersonalKeyFor(
  actor: OperatorActor,
  target: { userId: string; departmentId: string },
  settings: ParsedKeySettings,
): Promise<CreatedKey> {
  await liveDepartment(actor.tenantId, target.departmentId);
  const membership = await getDb().membership.findUnique({
    where: { tenantId_userId: { tenantId: actor.tenantId, userId: target.userId } },
    select: { disabledAt: true, user: { select: { disabled: true } } },
  });
  if (!membership) throw notFound("Member");
  if (membership.disabledAt || membership.user.disabled) throw new AppError("BAD_REQUEST", "This member is disabled: their keys would not work");
  return create(actor, { tenantId: actor.tenantId, ...target, kind: "PERSONAL", settings });
}
