import { hashPassword } from "@/server/auth/password";
import { getDb } from "@/server/db";
import type { PlatformRole, TenantRole } from "@/server/generated/prisma/enums";

export const DEMO_PASSWORD = "demo1234";

type DemoUser = { email: string; name: string; role: TenantRole; department?: string; platformRoles?: PlatformRole[] };
type DemoTenant = { slug: string; name: string; departments: { slug: string; name: string }[]; users: DemoUser[] };

// Two tenants so that the wall between tenants is visible in the demo.
export const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: "demo",
    name: "Demo Company",
    departments: [
      { slug: "support", name: "Customer Support" },
      { slug: "analytics", name: "Analytics" },
    ],
    users: [
      { email: "admin@demo.local", name: "Demo Admin", role: "OWNER", platformRoles: ["PLATFORM_ADMIN"] },
      { email: "finance@demo.local", name: "Demo Finance", role: "FINANCE", platformRoles: ["PLATFORM_FINANCE"] },
      { email: "member@demo.local", name: "Demo Member", role: "MEMBER", department: "support" },
    ],
  },
  {
    slug: "acme",
    name: "Acme Research",
    departments: [
      { slug: "research", name: "Research" },
      { slug: "sales", name: "Sales" },
    ],
    users: [
      { email: "admin@acme.local", name: "Acme Admin", role: "OWNER" },
      { email: "member@acme.local", name: "Acme Member", role: "MEMBER", department: "research" },
    ],
  },
];

// Idempotent: a tenant that already exists is left as it is.
export async function seedDemo(): Promise<{ created: string[] }> {
  const db = getDb();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created: string[] = [];
  for (const spec of DEMO_TENANTS) {
    if (await db.tenant.findUnique({ where: { slug: spec.slug }, select: { id: true } })) continue;
    await db.$transaction(async (tx) => {
      const tenant = await tx.tenant.create({ data: { slug: spec.slug, name: spec.name } });
      const departments = new Map<string, string>();
      for (const d of spec.departments) {
        departments.set(d.slug, (await tx.department.create({ data: { tenantId: tenant.id, ...d } })).id);
      }
      for (const u of spec.users) {
        const user = await tx.user.upsert({
          where: { email: u.email },
          update: {},
          create: { email: u.email, name: u.name, passwordHash, platformRoles: u.platformRoles ?? [] },
        });
        await tx.membership.create({
          data: { tenantId: tenant.id, userId: user.id, role: u.role, homeDepartmentId: u.department ? departments.get(u.department) : null },
        });
      }
      await tx.auditLog.create({
        data: { tenantId: tenant.id, action: "tenant.seed", targetType: "tenant", targetId: tenant.id, data: { demo: true } },
      });
    });
    created.push(spec.slug);
  }
  return { created };
}

export function demoAccountsText(url: string): string {
  const lines = DEMO_TENANTS.flatMap((t) => t.users.map((u) => `  ${u.email.padEnd(22)} ${u.role.padEnd(8)} tenant ${t.slug}${u.platformRoles?.length ? ` + ${u.platformRoles.join(", ")}` : ""}`));
  return [`Portal: ${url}`, `Demo accounts (password ${DEMO_PASSWORD}):`, ...lines].join("\n");
}
