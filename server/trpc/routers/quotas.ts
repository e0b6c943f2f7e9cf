import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { roleCan } from "@/server/auth/scopes";
import {
  assertDepartmentOf,
  burnDown,
  deleteQuota,
  findQuota,
  getAlertChannel,
  listAlerts,
  listQuotas,
  listRates,
  myQuotas,
  quotaHistory,
  quotaSettings,
  rateSettings,
  setAlertChannel,
  setQuota,
  setRate,
} from "@/server/quota";
import type { TenantAccess } from "@/server/tenancy/access";
import { router } from "../init";
import { id } from "../inputs";
import { assertDepartmentScope, platformProcedure, scopedProcedure, tenantProcedure } from "../procedures";

// The departments whose quotas the caller may read: all for tenant roles with
// the scope, else those they administer.
function readableDepartments(access: TenantAccess): string[] | null {
  if (roleCan(access.role, "quotas:read")) return null;
  if (access.adminOfDepartmentIds.length === 0) throw new TRPCError({ code: "FORBIDDEN", message: "Missing permission quotas:read" });
  return access.adminOfDepartmentIds;
}

async function quotaInScope(access: TenantAccess, quotaId: string, scope: "quotas:read" | "quotas:update") {
  const quota = await findQuota(access.tenantId, quotaId);
  assertDepartmentScope(access, quota.departmentId, scope);
  return quota;
}

const actorOf = (ctx: { user: { id: string }; access: TenantAccess }) => ({ userId: ctx.user.id, tenantId: ctx.access.tenantId });

export const quotasRouter = router({
  list: tenantProcedure.input(z.object({ departmentId: id.optional() })).query(async ({ ctx, input }) => {
    if (input.departmentId) {
      assertDepartmentScope(ctx.access, input.departmentId, "quotas:read");
      await assertDepartmentOf(ctx.access.tenantId, input.departmentId);
      return listQuotas(ctx.access.tenantId, { departmentIds: [input.departmentId] });
    }
    return listQuotas(ctx.access.tenantId, { departmentIds: readableDepartments(ctx.access) });
  }),
  set: tenantProcedure.input(quotaSettings).mutation(({ ctx, input }) => {
    assertDepartmentScope(ctx.access, input.departmentId, "quotas:update");
    return setQuota(actorOf(ctx), input);
  }),
  remove: tenantProcedure.input(z.object({ quotaId: id })).mutation(async ({ ctx, input }) => {
    await quotaInScope(ctx.access, input.quotaId, "quotas:update");
    await deleteQuota(actorOf(ctx), input.quotaId);
  }),
  burnDown: tenantProcedure.input(z.object({ quotaId: id })).query(async ({ ctx, input }) => {
    await quotaInScope(ctx.access, input.quotaId, "quotas:read");
    return burnDown(ctx.access.tenantId, input.quotaId);
  }),
  history: tenantProcedure.input(z.object({ quotaId: id.optional() })).query(async ({ ctx, input }) => {
    if (input.quotaId) {
      await quotaInScope(ctx.access, input.quotaId, "quotas:read");
      return quotaHistory(ctx.access.tenantId, [input.quotaId]);
    }
    const departments = readableDepartments(ctx.access);
    if (departments === null) return quotaHistory(ctx.access.tenantId, null);
    const visible = await listQuotas(ctx.access.tenantId, { departmentIds: departments });
    return quotaHistory(ctx.access.tenantId, visible.map((q) => q.id));
  }),
  // In-app notifications: the alerts of the quotas the caller may read.
  alerts: tenantProcedure.input(z.object({ limit: z.number().int().min(1).max(200).default(50) })).query(({ ctx, input }) =>
    listAlerts(ctx.access.tenantId, { departmentIds: readableDepartments(ctx.access), limit: input.limit }),
  ),
  // A member's own remaining budget (portal home and playground).
  mine: scopedProcedure("usage:readOwn").query(({ ctx }) => myQuotas(ctx.user.id, ctx.access.tenantId)),
  alertChannel: scopedProcedure("quotas:update").query(({ ctx }) => getAlertChannel(ctx.access.tenantId)),
  setAlertChannel: scopedProcedure("quotas:update")
    .input(z.object({ webhookUrl: z.string().trim().max(2000).nullable(), emails: z.array(z.string().trim().max(254)).max(20), rotateSecret: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => setAlertChannel(actorOf(ctx), input)),
  // The internal chargeback rate: platform finance.
  // overrideTenantId: a tenant's own rate; without it, the platform-wide one.
  rates: platformProcedure("platform:costModel").query(() => listRates()),
  setRate: platformProcedure("platform:costModel")
    .input(rateSettings.omit({ tenantId: true }).extend({ overrideTenantId: id.nullable().default(null) }))
    .mutation(({ ctx, input }) => {
      const { overrideTenantId, ...rate } = input;
      return setRate(ctx.user.id, { ...rate, tenantId: overrideTenantId });
    }),
});
