import { getDb, type Prisma } from "@/server/db";
import { AppError, conflict, forbidden, notFound } from "@/server/errors";
import { recordAudit } from "@/server/tenancy/audit";
import { administers, liveDepartment, managesDepartmentKeys, tenantOf, userOf, type KeyActor } from "./actor";
import { insertKey, type CreatedKey } from "./create";
import { LISTED_KEY_SELECT, toListedKey, type ListedKey } from "./listed-key";
import { notifyKeyChanged } from "./notify";

const KEY_FOR_CHANGE = { ...LISTED_KEY_SELECT, hash: true } satisfies Prisma.ApiKeySelect;

// Locked for the rest of the transaction, so that a revoke and a rotate of
// the same key cannot both go through.
async function lockKey(tx: Prisma.TransactionClient, tenantId: string, apiKeyId: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "ApiKey" WHERE id = ${apiKeyId}::uuid AND "tenantId" = ${tenantId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw notFound("API key");
  return tx.apiKey.findUniqueOrThrow({ where: { id: apiKeyId }, select: KEY_FOR_CHANGE });
}

const ownKey = (actor: KeyActor, key: { userId: string | null }) => key.userId !== null && key.userId === userOf(actor);

/**
 * Ends a key now. The owner of a personal key, or whoever administers keys of
 * its department. Revoking a revoked key changes nothing.
 */
export async function revokeKey(actor: KeyActor, apiKeyId: string): Promise<ListedKey> {
  const tenantId = tenantOf(actor);
  return getDb().$transaction(async (tx) => {
    const key = await lockKey(tx, tenantId, apiKeyId);
    if (!ownKey(actor, key) && !administers(actor, key.departmentId, "apiKeys:revoke")) throw forbidden("You cannot revoke this key");
    const now = new Date();
    if (key.revokedAt && key.revokedAt <= now) return toListedKey(key, now);
    const row = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: now }, select: LISTED_KEY_SELECT });
    await recordAudit(tx, {
      tenantId,
      actorUserId: userOf(actor),
      action: "apiKey.revoke",
      targetType: "apiKey",
      targetId: key.id,
      data: { prefix: key.prefix, kind: key.kind, name: key.name },
    });
    await notifyKeyChanged(tx, key.hash);
    return toListedKey(row, now);
  });
}

/** The grace a rotation may leave the old key: enough to roll out the new one. */
export const MAX_ROTATION_GRACE_SECONDS = 7 * 24 * 3600;

/**
 * A new key with the same settings; the old one ends now, or after a grace
 * period so that applications can switch over. A personal key is rotated by
 * its owner only: an admin may revoke it but must not obtain a key that acts
 * as someone else. A service key by whoever administers its department.
 */
export async function rotateKey(actor: KeyActor, apiKeyId: string, graceSeconds = 0): Promise<CreatedKey> {
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_ROTATION_GRACE_SECONDS) {
    throw new AppError("BAD_REQUEST", `The grace period is 0 to ${MAX_ROTATION_GRACE_SECONDS} seconds`);
  }
  const tenantId = tenantOf(actor);
  return getDb().$transaction(async (tx) => {
    const key = await lockKey(tx, tenantId, apiKeyId);
    const allowed =
      key.kind === "PERSONAL"
        ? ownKey(actor, key)
        : managesDepartmentKeys(actor, key.departmentId);
    if (!allowed) throw forbidden(key.kind === "PERSONAL" ? "Only its owner can rotate a personal key" : "You cannot rotate this key");
    const now = new Date();
    if (key.revokedAt) throw conflict("This key was already revoked or rotated");
    if (key.expiresAt && key.expiresAt <= now) throw new AppError("BAD_REQUEST", "This key has expired: create a new one");
    await liveDepartment(tenantId, key.departmentId);

    const endsAt = new Date(now.getTime() + graceSeconds * 1000);
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: endsAt } });
    await notifyKeyChanged(tx, key.hash);
    const settings = { name: key.name, endpoints: key.endpoints, models: key.models, expiresAt: key.expiresAt };
    return insertKey(tx, userOf(actor), {
      tenantId,
      departmentId: key.departmentId,
      userId: key.userId,
      kind: key.kind,
      settings,
      rotation: { fromId: key.id, graceSeconds },
    });
  });
}
