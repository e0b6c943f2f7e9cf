import type { SessionClaims } from "@/server/auth/session-user";

// Kept thin: who is calling (as claimed by the signed session cookie) and
// from where. Everything else is loaded by the procedures that need it.
export type Context = {
  claims: SessionClaims | null;
  ip: string | null;
};

export function createInnerContext(claims: SessionClaims | null, ip: string | null = null): Context {
  return { claims, ip };
}
