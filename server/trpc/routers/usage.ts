import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { roleCan } from "@/server/auth/scopes";
import { departmentUsage, myUsage, RANGE_DAYS, recentRequests, tenantUsage } from "@/server/metering";
import type { TenantAccess } from "@/server/tenancy/access";
import { listDepartments } from "@/server/tenancy/departments";
import { router } from "../init";
import { id } from "../inputs";
import { assertDepartmentScope, scopedProcedure, tenantProcedure } from "../procedures";

const range = z.object({ days: z.literal(RANGE_DAYS).default(30) });

// The departments whose usage the caller may read: all of them with
// usage:read, otherwise those they administer.
function visibleDepartmentIds(access: TenantAccess): string[] | null {
  if (roleCan(access.role, "usage:read")) return null;
  if (access.adminOfDepartmentIds.length > 0) return access.adminOfDepartmentIds;
  throw new TRPCError({ code: "FORBIDDEN", message: "Missing permission usage:read" });
}

export const usageRouter = router({
  mine: scopedProcedure("usage:readOwn")
    .input(range)
    .query(({ ctx, input }) => myUsage(ctx.access.tenantId, ctx.user.id, { days: input.days })),
  myRecent: scopedProcedure("usage:readOwn")
    .input(z.object({ cursor: z.string().max(300).optional(), limit: z.int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => recentRequests(ctx.access.tenantId, ctx.user.id, input)),
  departments: tenantProcedure.query(async ({ ctx }) => {
    const visible = visibleDepartmentIds(ctx.access);
    const departments = await listDepartments(ctx.access.tenantId, true);
    return departments
      .filter((d) => !visible || visible.includes(d.id))
      .map((d) => ({ id: d.id, name: d.name, archived: d.archivedAt !== null }));
  }),
  // Without departmentId: every department the caller may see.
  department: tenantProcedure
    .input(range.extend({ departmentId: id.optional() }))
    .query(({ ctx, input }) => {
      if (input.departmentId) {
        assertDepartmentScope(ctx.access, input.departmentId, "usage:read");
        return departmentUsage(ctx.access.tenantId, [input.departmentId], { days: input.days });
      }
      return departmentUsage(ctx.access.tenantId, visibleDepartmentIds(ctx.access), { days: input.days });
    }),
  tenant: scopedProcedure("usage:read")
    .input(range)
    .query(({ ctx, input }) => tenantUsage(ctx.access.tenantId, { days: input.days })),
});
