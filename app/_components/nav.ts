import { DEPARTMENT_ADMIN_SCOPES, type PlatformScope, type TenantScope } from "@/server/auth/scopes";

export type NavLink = { href: string; label: string; scope?: TenantScope; platformScope?: PlatformScope };
export type NavGroup = { label: string; links: NavLink[] };

const GROUPS: NavGroup[] = [
  {
    label: "portal",
    links: [
      { href: "/portal", label: "home", scope: "tenant:read" },
      { href: "/portal/playground", label: "playground", scope: "playground:use" },
      { href: "/portal/keys", label: "myKeys", scope: "apiKeys:create" },
      { href: "/portal/usage", label: "myUsage", scope: "usage:readOwn" },
    ],
  },
  {
    label: "admin",
    links: [
      { href: "/admin/departments", label: "departments", scope: "departments:create" },
      { href: "/admin/members", label: "members", scope: "members:create" },
      { href: "/admin/keys", label: "departmentKeys", scope: "apiKeys:read" },
      { href: "/admin/usage", label: "departmentUsage", scope: "usage:read" },
      { href: "/admin/quotas", label: "quotas", scope: "quotas:read" },
      { href: "/admin/audit", label: "audit", scope: "audit:read" },
    ],
  },
  {
    label: "finance",
    links: [
      { href: "/finance", label: "overview", scope: "finance:read" },
      { href: "/finance/roi", label: "roi", platformScope: "platform:finance" },
      { href: "/finance/alternatives", label: "alternatives", platformScope: "platform:finance" },
      { href: "/finance/capacity", label: "capacity", platformScope: "platform:finance" },
      { href: "/finance/chargeback", label: "chargeback", scope: "chargeback:read" },
      { href: "/finance/article", label: "article", platformScope: "platform:finance" },
      { href: "/finance/cost-model", label: "costModel", platformScope: "platform:costModel" },
      { href: "/finance/catalog", label: "priceCatalog", platformScope: "platform:priceCatalog" },
    ],
  },
  {
    label: "platform",
    links: [
      { href: "/platform/nodes", label: "nodes", platformScope: "platform:nodes" },
      { href: "/platform/tenants", label: "tenants", platformScope: "platform:tenants" },
    ],
  },
];

export type NavAccess = { scopes: readonly TenantScope[]; platformScopes: readonly PlatformScope[]; departmentAdmin: boolean };

function visible(link: NavLink, access: NavAccess): boolean {
  if (link.platformScope) return access.platformScopes.includes(link.platformScope);
  if (!link.scope) return true;
  return access.scopes.includes(link.scope) || (access.departmentAdmin && DEPARTMENT_ADMIN_SCOPES.has(link.scope));
}

// Each persona sees only the links its scopes open; the same scopes guard the
// pages and procedures behind them.
export function navFor(access: NavAccess): NavGroup[] {
  return GROUPS.map((g) => ({ ...g, links: g.links.filter((l) => visible(l, access)) })).filter((g) => g.links.length > 0);
}
