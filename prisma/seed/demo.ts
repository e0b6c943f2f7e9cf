import { hashPassword } from "@/server/auth/password";
import { getDb } from "@/server/db";
import { seedFinanceDemo, seedUsageHistory } from "@/server/finance";
import type { PlatformRole, TenantRole } from "@/server/generated/prisma/enums";

export const DEMO_PASSWORD = "demo1234";

type DemoUser = { email: string; name: string; role: TenantRole; department?: string; platformRoles?: PlatformRole[] };
// usageScale: the department's busiest-hour request count in the synthetic usage history.
type DemoTenant = { slug: string; name: string; departments: { slug: string; name: string; usageScale: number }[]; users: DemoUser[] };

// Two tenants so that the wall between tenants is visible in the demo.
export const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: "demo",
    name: "Demo Company",
    departments: [
      { slug: "support", name: "Customer Support", usageScale: 140 },
      { slug: "analytics", name: "Analytics", usageScale: 90 },
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
      { slug: "research", name: "Research", usageScale: 110 },
      { slug: "sales", name: "Sales", usageScale: 50 },
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
  const now = new Date();
  for (const spec of DEMO_TENANTS) {
    if (await db.tenant.findUnique({ where: { slug: spec.slug }, select: { id: true } })) continue;
    const tenantId = await db.$transaction(async (tx) => {
      const tenant = await tx.tenant.create({ data: { slug: spec.slug, name: spec.name } });
      const departments = new Map<string, string>();
      for (const d of spec.departments) {
        departments.set(d.slug, (await tx.department.create({ data: { tenantId: tenant.id, slug: d.slug, name: d.name } })).id);
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
      return tenant.id;
    });
    // A few months of hourly usage so that the finance pages have numbers.
    const departments = await db.department.findMany({ where: { tenantId }, select: { id: true, slug: true } });
    const scaleOf = new Map(spec.departments.map((d) => [d.slug, d.usageScale]));
    await seedUsageHistory(tenantId, departments.map((d) => ({ id: d.id, scale: scaleOf.get(d.slug) ?? 0 })), now);
    created.push(spec.slug);
  }
  // The seed article's cost model and price catalog, unless finance has set them up.
  await seedFinanceDemo(now);
  return { created };
}

export function demoAccountsText(url: string): string {
  const lines = DEMO_TENANTS.flatMap((t) => t.users.map((u) => `  ${u.email.padEnd(22)} ${u.role.padEnd(8)} tenant ${t.slug}${u.platformRoles?.length ? ` + ${u.platformRoles.join(", ")}` : ""}`));
  return [`Portal: ${url}`, `Demo accounts (password ${DEMO_PASSWORD}):`, ...lines].join("\n");
}
