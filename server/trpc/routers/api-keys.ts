import { z } from "zod";
import {
  createPersonalKey,
  createServiceKey,
  keySettings,
  listDepartmentKeys,
  listMyKeys,
  MAX_ROTATION_GRACE_SECONDS,
  revokeKey,
  rotateKey,
  type MemberActor,
} from "@/server/auth/api-keys";
import type { TenantAccess } from "@/server/tenancy/access";
import { router } from "../init";
import { id } from "../inputs";
import { assertDepartmentScope, scopedProcedure, tenantProcedure } from "../procedures";

const actorOf = (ctx: { user: { id: string }; access: TenantAccess }): MemberActor => ({ userId: ctx.user.id, access: ctx.access });

// Who may create service keys, revoke or rotate is decided per department
// and per key (its owner, its department): those procedures only require a
// membership and leave the rule to the service. "apiKeys:create" alone is
// every member's right to personal keys.
export const apiKeysRouter = router({
  listMine: scopedProcedure("apiKeys:create").query(({ ctx }) => listMyKeys(actorOf(ctx))),
  createPersonal: scopedProcedure("apiKeys:create")
    .input(keySettings)
    .mutation(({ ctx, input }) => createPersonalKey(actorOf(ctx), input)),
  listForDepartment: tenantProcedure.input(z.object({ departmentId: id })).query(({ ctx, input }) => {
    assertDepartmentScope(ctx.access, input.departmentId, "apiKeys:read");
    return listDepartmentKeys(actorOf(ctx), input.departmentId);
  }),
  createService: tenantProcedure.input(keySettings.extend({ departmentId: id })).mutation(({ ctx, input }) => {
    const { departmentId, ...settings } = input;
    return createServiceKey(actorOf(ctx), departmentId, settings);
  }),
  revoke: tenantProcedure.input(z.object({ apiKeyId: id })).mutation(({ ctx, input }) => revokeKey(actorOf(ctx), input.apiKeyId)),
  rotate: tenantProcedure
    .input(z.object({ apiKeyId: id, graceSeconds: z.number().int().min(0).max(MAX_ROTATION_GRACE_SECONDS).default(0) }))
    .mutation(({ ctx, input }) => rotateKey(actorOf(ctx), input.apiKeyId, input.graceSeconds)),
});
