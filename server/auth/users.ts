import { getDb } from "@/server/db";
import { conflict, notFound } from "@/server/errors";
import type { PlatformRole } from "@/server/generated/prisma/enums";
import { recordAudit } from "@/server/tenancy/audit";
import { ALL_KEYS, notifyKeyChanged } from "./api-keys/notify";
import { hashPassword, verifyPassword } from "./password";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export type NewUser = { email: string; name: string; password?: string; platformRoles?: PlatformRole[]; locale?: Locale };

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function createUser(input: NewUser) {
  const db = getDb();
  const email = normaliseEmail(input.email);
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw conflict(`User ${email} already exists`);
  return db.user.create({
    data: {
      email,
      name: input.name,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      platformRoles: input.platformRoles ?? [],
      locale: input.locale ?? "zh-CN",
    },
  });
}

// The same answer and roughly the same time whether the e-mail exists or not,
// so sign-in cannot be used to find out who has an account.
const DUMMY_HASH = "$2b$10$7TpG64szN3zmxw2IsRDJ4.WS/K45x.JsB1MvgfW/fq6Wx42DuULZi";

export async function authenticate(email: string, password: string) {
  const user = await getDb().user.findUnique({ where: { email: normaliseEmail(email) } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !ok || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, locale: user.locale };
}

async function updateUserCredentials(
  email: string,
  action: string,
  data: { disabled?: boolean; passwordHash?: string; platformRoles?: PlatformRole[] },
) {
  const db = getDb();
  const user = await db.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true } });
  if (!user) throw notFound("User");
  // Bumping the version ends every session issued before this change.
  return db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: user.id }, data: { ...data, sessionVersion: { increment: 1 } } });
    if (data.disabled !== undefined) await notifyKeyChanged(tx, ALL_KEYS);
    await recordAudit(tx, { tenantId: null, actorUserId: null, action, targetType: "user", targetId: user.id });
    return updated;
  });
}

export const setUserDisabled = (email: string, disabled: boolean) =>
  updateUserCredentials(email, disabled ? "user.disable" : "user.enable", { disabled });

export const setUserPassword = async (email: string, password: string) =>
  updateUserCredentials(email, "user.password", { passwordHash: await hashPassword(password) });

export const setUserPlatformRoles = (email: string, platformRoles: PlatformRole[]) =>
  updateUserCredentials(email, "user.platformRoles", { platformRoles });

export async function setUserLocale(userId: string, locale: Locale) {
  await getDb().user.update({ where: { id: userId }, data: { locale } });
}
