// The one role-to-scope table. Read by tRPC procedures to authorise and by the
// UI to hide what a role cannot do, so the two can never disagree.
import type { PlatformRole, TenantRole } from "@/server/generated/prisma/enums";

export const TENANT_SCOPES = [
  "tenant:read",
  "departments:read",
  "departments:create",
  "departments:update",
  "members:read",
  "members:create",
  "members:update",
  "audit:read",
  "apiKeys:read",
  "apiKeys:create",
  "apiKeys:revoke",
  "quotas:read",
  "quotas:update",
  "usage:read",
  "usage:readOwn",
  "playground:use",
  "finance:read",
  "chargeback:read",
] as const;
export type TenantScope = (typeof TENANT_SCOPES)[number];

export const PLATFORM_SCOPES = [
  "platform:tenants",
  "platform:nodes",
  "platform:costModel",
  "platform:priceCatalog",
  "platform:finance",
] as const;
export type PlatformScope = (typeof PLATFORM_SCOPES)[number];

const MEMBER: readonly TenantScope[] = [
  "tenant:read",
  "departments:read",
  "usage:readOwn",
  "playground:use",
  "apiKeys:create",
];

const FINANCE: readonly TenantScope[] = [
  ...MEMBER,
  "members:read",
  "usage:read",
  "quotas:read",
  "finance:read",
  "chargeback:read",
];

const ADMIN: readonly TenantScope[] = [
  ...MEMBER,
  "departments:create",
  "departments:update",
  "members:read",
  "members:create",
  "members:update",
  "audit:read",
  "apiKeys:read",
  "apiKeys:revoke",
  "quotas:read",
  "quotas:update",
  "usage:read",
];

export const ROLE_SCOPES: Record<TenantRole, ReadonlySet<TenantScope>> = {
  OWNER: new Set(TENANT_SCOPES),
  ADMIN: new Set(ADMIN),
  FINANCE: new Set(FINANCE),
  MEMBER: new Set(MEMBER),
};

// What a department admin may do, but only inside the departments they run.
export const DEPARTMENT_ADMIN_SCOPES: ReadonlySet<TenantScope> = new Set([
  "apiKeys:read",
  "apiKeys:create",
  "apiKeys:revoke",
  "quotas:read",
  "quotas:update",
  "usage:read",
  "members:read",
]);

export const PLATFORM_ROLE_SCOPES: Record<PlatformRole, ReadonlySet<PlatformScope>> = {
  PLATFORM_ADMIN: new Set(["platform:tenants", "platform:nodes", "platform:costModel", "platform:priceCatalog", "platform:finance"]),
  PLATFORM_FINANCE: new Set(["platform:finance", "platform:costModel", "platform:priceCatalog"]),
};

export function roleCan(role: TenantRole, scope: TenantScope): boolean {
  return ROLE_SCOPES[role].has(scope);
}

export function platformCan(roles: readonly PlatformRole[], scope: PlatformScope): boolean {
  return roles.some((r) => PLATFORM_ROLE_SCOPES[r].has(scope));
}

export function scopesOf(role: TenantRole): TenantScope[] {
  return [...ROLE_SCOPES[role]];
}
