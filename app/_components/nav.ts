import type { PlatformScope, TenantScope } from "@/server/auth/scopes";

export type NavLink = { href: string; label: string; scope?: TenantScope; platformScope?: PlatformScope };
export type NavGroup = { label: string; links: NavLink[] };

const GROUPS: NavGroup[] = [
  { label: "portal", links: [{ href: "/portal", label: "home", scope: "tenant:read" }] },
  {
    label: "admin",
    links: [
      { href: "/admin/departments", label: "departments", scope: "departments:create" },
      { href: "/admin/members", label: "members", scope: "members:create" },
      { href: "/admin/audit", label: "audit", scope: "audit:read" },
    ],
  },
  { label: "finance", links: [{ href: "/finance", label: "overview", scope: "finance:read" }] },
  { label: "platform", links: [{ href: "/platform/tenants", label: "tenants", platformScope: "platform:tenants" }] },
];

// Each persona sees only the groups its scopes open; the same scopes guard
// the pages and procedures behind these links.
export function navFor(scopes: readonly TenantScope[], platformScopes: readonly PlatformScope[]): NavGroup[] {
  return GROUPS.map((g) => ({
    ...g,
    links: g.links.filter((l) => (l.scope ? scopes.includes(l.scope) : true) && (l.platformScope ? platformScopes.includes(l.platformScope) : true)),
  })).filter((g) => g.links.length > 0);
}
