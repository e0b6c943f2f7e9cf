import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/server/db";
import { logger } from "@/server/logger";
import { recordLoginFailure, recordLoginSuccess } from "./login-limiter";
import { oidcProvider } from "./oidc";
import { authenticate, normaliseEmail } from "./users";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}

const credentials = z.object({ email: z.email().max(254), password: z.string().min(1).max(200) });

import { CLIENT_IP_HEADER } from "./client-ip";

function clientIp(headers: Record<string, unknown> | undefined): string {
  const value = headers?.[CLIENT_IP_HEADER];
  return typeof value === "string" && value ? value : "unknown";
}

const SESSION_HOURS = 12;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: {
    error: (code) => logger.error({ code }, "auth error"),
    warn: (code) => logger.warn({ code }, "auth warning"),
    debug: () => undefined,
  },
  providers: [
    CredentialsProvider({
      name: "password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw, req) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const ip = clientIp(req.headers);
        const user = await authenticate(parsed.data.email, parsed.data.password);
        if (!user) {
          await recordLoginFailure(ip, parsed.data.email);
          return null;
        }
        await recordLoginSuccess(ip, parsed.data.email);
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
    ...oidcProvider(),
  ],
  callbacks: {
    // SSO users must already have an account here: an administrator adds
    // them to a tenant; signing in through SSO never creates users.
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      if (!user.email) return false;
      const local = await getDb().user.findUnique({ where: { email: normaliseEmail(user.email) }, select: { disabled: true } });
      return !!local && !local.disabled;
    },
    async jwt({ token, user, account }) {
      if (!user) return token;
      if (account?.provider === "oidc") {
        const local = await getDb().user.findUnique({ where: { email: normaliseEmail(user.email ?? "") } });
        if (!local) return token;
        return { ...token, uid: local.id, sv: local.sessionVersion };
      }
      return { ...token, uid: user.id, sv: user.sessionVersion };
    },
  },
};
