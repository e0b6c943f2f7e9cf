import { z } from "zod";
import { createTenant, listAllTenants } from "@/server/tenancy/tenants";
import { router } from "../init";
import { displayName, slug, timeZone } from "../inputs";
import { platformProcedure } from "../procedures";

export const tenantsRouter = router({
  list: platformProcedure("platform:tenants").query(() => listAllTenants()),
  create: platformProcedure("platform:tenants")
    .input(z.object({ slug, name: displayName, timezone: timeZone.default("Asia/Shanghai") }))
    .mutation(({ ctx, input }) => createTenant(ctx.user.id, input)),
});
