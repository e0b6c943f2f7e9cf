import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { DEPARTMENT_ADMIN_SCOPES, platformCan, roleCan, type PlatformScope, type TenantScope } from "@/server/auth/scopes";
import { resolveSessionUser } from "@/server/auth/session-user";
import { loadTenantAccess, type TenantAccess } from "@/server/tenancy/access";
import { baseProcedure } from "./init";

export const publicProcedure = baseProcedure;

// 1. Signed in: the session's user is loaded and checked on every call.
export const authedProcedure = baseProcedure.use(async ({ ctx, next }) => {
  const user = await resolveSessionUser(ctx.claims);
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in" });
  return next({ ctx: { ...ctx, user } });
});

// 2. Inside a tenant: every such procedure takes tenantId and the caller's
// membership is read from the database each time.
export const tenantInput = z.object({ tenantId: z.uuid() });

export const tenantProcedure = authedProcedure.input(tenantInput).use(async ({ ctx, input, next }) => {
  const access = await loadTenantAccess(ctx.user.id, input.tenantId);
  if (!access) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of this tenant" });
  return next({ ctx: { ...ctx, access } });
});

export function scopedProcedure(scope: TenantScope) {
  return tenantProcedure.use(({ ctx, next }) => {
    if (!roleCan(ctx.access.role, scope)) throw new TRPCError({ code: "FORBIDDEN", message: `Missing permission ${scope}` });
    return next();
  });
}

// A department admin holds some scopes only for the departments they run.
export function assertDepartmentScope(access: TenantAccess, departmentId: string, scope: TenantScope): void {
  if (roleCan(access.role, scope)) return;
  if (DEPARTMENT_ADMIN_SCOPES.has(scope) && access.adminOfDepartmentIds.includes(departmentId)) return;
  throw new TRPCError({ code: "FORBIDDEN", message: `Missing permission ${scope}` });
}

// 3. The company that runs the cluster.
export function platformProcedure(scope: PlatformScope) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!platformCan(ctx.user.platformRoles, scope)) throw new TRPCError({ code: "FORBIDDEN", message: `Missing permission ${scope}` });
    return next();
  });
}
