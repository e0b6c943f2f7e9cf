import { getServerSession } from "next-auth";
import { authOptions } from "./next-auth";
import { resolveSessionUser, type SessionClaims } from "./session-user";

// Claims from the signed session cookie of the current Next request.
export async function currentClaims(): Promise<SessionClaims | null> {
  const session = await getServerSession({
    ...authOptions,
    callbacks: { ...authOptions.callbacks, session: ({ session, token }) => ({ ...session, uid: token.uid, sv: token.sv }) },
  });
  const claims = session as unknown as { uid?: string; sv?: number } | null;
  if (!claims?.uid || claims.sv === undefined) return null;
  return { userId: claims.uid, sessionVersion: claims.sv };
}

export async function currentUser() {
  return resolveSessionUser(await currentClaims());
}
