import { randomUUID } from "node:crypto";
import { getDb } from "@/server/db";
import type { PlatformRole, TenantRole } from "@/server/generated/prisma/enums";
import { createInnerContext } from "../context";
import { createCaller } from "../root";

export type Caller = ReturnType<typeof createCaller>;
export type Person = { userId: string; email: string; membershipId: string; caller: Caller };

export type TenantFixture = {
  tenantId: string;
  slug: string;
  departmentIds: [string, string];
  owner: Person;
  admin: Person;
  finance: Person;
  member: Person;
  // A MEMBER who administers the first department only.
  deptAdmin: Person;
  // The member's personal API key, in the first department.
  apiKeyId: string;
  // A token quota on the second department (none on the first, where the
  // keys are, so that gateway tests are not limited).
  quotaId: string;
};

export function callerFor(userId: string, sessionVersion = 1): Caller {
  return createCaller(createInnerContext({ userId, sessionVersion }));
}

export const anonymousCaller = (): Caller => createCaller(createInnerContext(null));

async function person(tenantId: string, slug: string, role: TenantRole, name: string, departmentId: string | null, platformRoles: PlatformRole[] = []): Promise<Person> {
  const db = getDb();
  const email = `${name}@${slug}.test`;
  // Password hashes are irrelevant here: callers are built from claims.
  const user = await db.user.create({ data: { email, name, passwordHash: "x", platformRoles } });
  const membership = await db.membership.create({ data: { tenantId, userId: user.id, role, homeDepartmentId: departmentId } });
  return { userId: user.id, email, membershipId: membership.id, caller: callerFor(user.id) };
}

export async function createTenantFixture(label = "t"): Promise<TenantFixture> {
  const db = getDb();
  const slug = `${label}-${randomUUID().slice(0, 8)}`;
  const tenant = await db.tenant.create({ data: { slug, name: `Tenant ${slug}` } });
  const d1 = await db.department.create({ data: { tenantId: tenant.id, slug: "one", name: "One" } });
  const d2 = await db.department.create({ data: { tenantId: tenant.id, slug: "two", name: "Two" } });
  const deptAdmin = await person(tenant.id, slug, "MEMBER", "deptadmin", d1.id);
  await db.departmentAdmin.create({ data: { tenantId: tenant.id, membershipId: deptAdmin.membershipId, departmentId: d1.id } });
  const people = {
    owner: await person(tenant.id, slug, "OWNER", "owner", null, ["PLATFORM_ADMIN"]),
    admin: await person(tenant.id, slug, "ADMIN", "admin", null),
    finance: await person(tenant.id, slug, "FINANCE", "finance", null, ["PLATFORM_FINANCE"]),
    member: await person(tenant.id, slug, "MEMBER", "member", d1.id),
    deptAdmin,
  };
  const { apiKey } = await people.member.caller.apiKeys.createPersonal({ tenantId: tenant.id, name: "fixture key" });
  const quota = await db.quota.create({ data: { tenantId: tenant.id, departmentId: d2.id, scope: "DEPARTMENT", scopeKey: "department", tokenLimit: 1_000_000n } });
  return { tenantId: tenant.id, slug, departmentIds: [d1.id, d2.id], ...people, apiKeyId: apiKey.id, quotaId: quota.id };
}
