import { z } from "zod";
import { addMember, changeMemberRole, listMembers, setMemberDepartments, setMemberDisabled } from "@/server/tenancy/members";
import { router } from "../init";
import { displayName, email, id, tenantRole } from "../inputs";
import { scopedProcedure } from "../procedures";

const actorOf = (ctx: { user: { id: string }; access: { tenantId: string; role: z.infer<typeof tenantRole> } }) => ({
  userId: ctx.user.id,
  tenantId: ctx.access.tenantId,
  role: ctx.access.role,
});

export const membersRouter = router({
  list: scopedProcedure("members:read").query(({ ctx }) => listMembers(ctx.access.tenantId)),
  add: scopedProcedure("members:create")
    .input(z.object({ email, name: displayName, role: tenantRole, homeDepartmentId: id.nullable().default(null) }))
    .mutation(({ ctx, input }) => addMember(actorOf(ctx), input)),
  changeRole: scopedProcedure("members:update")
    .input(z.object({ membershipId: id, role: tenantRole }))
    .mutation(({ ctx, input }) => changeMemberRole(actorOf(ctx), input.membershipId, input.role)),
  setDisabled: scopedProcedure("members:update")
    .input(z.object({ membershipId: id, disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setMemberDisabled(actorOf(ctx), input.membershipId, input.disabled)),
  setDepartments: scopedProcedure("members:update")
    .input(z.object({ membershipId: id, homeDepartmentId: id.nullable(), adminOfDepartmentIds: z.array(id).max(100) }))
    .mutation(({ ctx, input }) => setMemberDepartments(actorOf(ctx), input.membershipId, input)),
});
