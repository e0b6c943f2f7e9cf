import { getDb } from "@/server/db";
import type { PlatformRole } from "@/server/generated/prisma/enums";

// What a signed session token carries: who, and which version of their
// credentials it was issued against.
export type SessionClaims = { userId: string; sessionVersion: number };

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  locale: string;
  platformRoles: PlatformRole[];
};

// Loaded from the database on every request, so a disabled user, a changed
// password or changed platform roles end existing sessions at once.
export async function resolveSessionUser(claims: SessionClaims | null): Promise<SessionUser | null> {
  if (!claims) return null;
  const user = await getDb().user.findUnique({
    where: { id: claims.userId },
    select: { id: true, email: true, name: true, locale: true, platformRoles: true, disabled: true, sessionVersion: true },
  });
  if (!user || user.disabled || user.sessionVersion !== claims.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, locale: user.locale, platformRoles: user.platformRoles };
}
