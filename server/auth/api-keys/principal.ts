import { getDb } from "@/server/db";

/** Who a request made with an API key acts as, as the gateway needs it. */
export type KeyPrincipal = {
  keyId: string;
  tenantId: string;
  departmentId: string;
  userId: string | null;
  kind: "PERSONAL" | "SERVICE";
  prefix: string;
  endpoints: string[];
  models: string[];
  /** When the key stops working: its expiry, or the end of a rotation's grace. */
  expiresAt: Date | null;
};

// One query that refuses, besides revoked and expired keys, every key whose
// owner could no longer act: an archived tenant or department, and for
// personal keys a removed or disabled membership or a disabled user.
export async function loadPrincipal(hash: string): Promise<KeyPrincipal | null> {
  const rows = await getDb().$queryRaw<KeyPrincipal[]>`
    SELECT k.id AS "keyId", k."tenantId", k."departmentId", k."userId", k.kind::text AS kind, k.prefix,
           COALESCE(k.endpoints, '{}') AS endpoints, COALESCE(k.models, '{}') AS models,
           LEAST(k."expiresAt", k."revokedAt") AS "expiresAt"
    FROM "ApiKey" k
    JOIN "Tenant" t ON t.id = k."tenantId"
    JOIN "Department" d ON d.id = k."departmentId"
    LEFT JOIN "Membership" m ON m."tenantId" = k."tenantId" AND m."userId" = k."userId"
    LEFT JOIN "User" u ON u.id = k."userId"
    WHERE k.hash = ${hash}
      AND t."archivedAt" IS NULL
      AND d."archivedAt" IS NULL
      AND (k."revokedAt" IS NULL OR k."revokedAt" > now())
      AND (k."expiresAt" IS NULL OR k."expiresAt" > now())
      AND (k."userId" IS NULL OR (m.id IS NOT NULL AND m."disabledAt" IS NULL AND NOT u.disabled))`;
  return rows[0] ?? null;
}

// One statement for a whole batch, off the request path.
export async function markUsed(keyIds: string[]): Promise<void> {
  await getDb().$executeRaw`UPDATE "ApiKey" SET "lastUsedAt" = now() WHERE id = ANY(${keyIds}::uuid[])`;
}
