import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { currentUser } from "@/server/auth/current-user";
import { DEPARTMENT_ADMIN_SCOPES, PLATFORM_ROLE_SCOPES, scopesOf, type PlatformScope, type TenantScope } from "@/server/auth/scopes";
import { listTenantsOfUser } from "@/server/tenancy/tenants";

export const TENANT_COOKIE = "tenant";

export type ViewerTenant = {
  id: string;
  slug: string;
  name: string;
  currency: string;
  timezone: string;
  role: string;
  scopes: TenantScope[];
  adminOfDepartmentIds: string[];
};
export type Viewer = {
  user: { id: string; email: string; name: string; locale: string };
  tenants: ViewerTenant[];
  tenant: ViewerTenant | null;
  platformScopes: PlatformScope[];
};

// Everything a page needs to know about who is looking, read fresh from the
// database once per request.
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const user = await currentUser();
  if (!user) return null;
  const tenants = (await listTenantsOfUser(user.id)).map((t) => ({ ...t, scopes: scopesOf(t.role) }));
  const wanted = (await cookies()).get(TENANT_COOKIE)?.value;
  const tenant = tenants.find((t) => t.slug === wanted) ?? tenants[0] ?? null;
  const platformScopes = [...new Set(user.platformRoles.flatMap((r) => [...PLATFORM_ROLE_SCOPES[r]]))];
  return { user: { id: user.id, email: user.email, name: user.name, locale: user.locale }, tenants, tenant, platformScopes };
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}

// A department admin passes for the scopes they hold in their departments;
// the procedures behind the page narrow what they see to those departments.
export async function requireTenantScope(scope: TenantScope): Promise<Viewer & { tenant: ViewerTenant }> {
  const viewer = await requireViewer();
  const tenant = viewer.tenant;
  const allowed =
    tenant &&
    (tenant.scopes.includes(scope) || (tenant.adminOfDepartmentIds.length > 0 && DEPARTMENT_ADMIN_SCOPES.has(scope)));
  if (!allowed) forbidden();
  return viewer as Viewer & { tenant: ViewerTenant };
}

export async function requirePlatformScope(scope: PlatformScope): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!viewer.platformScopes.includes(scope)) forbidden();
  return viewer;
}
