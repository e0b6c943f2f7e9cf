import type { Prisma } from "@/server/db";

// Everything about a key but its hash: lists never carry it.
export const LISTED_KEY_SELECT = {
  id: true,
  tenantId: true,
  departmentId: true,
  userId: true,
  kind: true,
  name: true,
  prefix: true,
  endpoints: true,
  models: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  createdAt: true,
  rotatedFromId: true,
} satisfies Prisma.ApiKeySelect;

type Row = Prisma.ApiKeyGetPayload<{ select: typeof LISTED_KEY_SELECT }>;
export type KeyStatus = "active" | "revoked" | "expired";

export function keyStatus(key: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): KeyStatus {
  if (key.revokedAt && key.revokedAt <= now) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return "active";
}

/**
 * A rotated key may keep working for a grace period: its revokedAt lies in the
 * future. endsAt is when the key stops working, whichever comes first.
 */
export function endOf(key: { revokedAt: Date | null; expiresAt: Date | null }): Date | null {
  const ends = [key.revokedAt, key.expiresAt].filter((d): d is Date => d !== null);
  return ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : null;
}

export function toListedKey(row: Row, now = new Date()) {
  return { ...row, status: keyStatus(row, now), endsAt: endOf(row) };
}
export type ListedKey = ReturnType<typeof toListedKey>;
