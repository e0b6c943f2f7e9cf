import { z } from "zod";
import { archiveDepartment, createDepartment, listDepartments, renameDepartment } from "@/server/tenancy/departments";
import { router } from "../init";
import { displayName, id, slug } from "../inputs";
import { scopedProcedure } from "../procedures";

const actorOf = (ctx: { user: { id: string }; access: { tenantId: string } }) => ({
  userId: ctx.user.id,
  tenantId: ctx.access.tenantId,
});

export const departmentsRouter = router({
  list: scopedProcedure("departments:read")
    .input(z.object({ includeArchived: z.boolean().default(false) }))
    .query(({ ctx, input }) => listDepartments(ctx.access.tenantId, input.includeArchived)),
  create: scopedProcedure("departments:create")
    .input(z.object({ slug, name: displayName }))
    .mutation(({ ctx, input }) => createDepartment(actorOf(ctx), { slug: input.slug, name: input.name })),
  rename: scopedProcedure("departments:update")
    .input(z.object({ departmentId: id, name: displayName }))
    .mutation(({ ctx, input }) => renameDepartment(actorOf(ctx), input.departmentId, input.name)),
  archive: scopedProcedure("departments:update")
    .input(z.object({ departmentId: id, archived: z.boolean() }))
    .mutation(({ ctx, input }) => archiveDepartment(actorOf(ctx), input.departmentId, input.archived)),
});
