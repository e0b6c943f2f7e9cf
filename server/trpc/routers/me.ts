import { scopesOf, PLATFORM_ROLE_SCOPES } from "@/server/auth/scopes";
import { setUserLocale } from "@/server/auth/users";
import { listTenantsOfUser } from "@/server/tenancy/tenants";
import { z } from "zod";
import { router } from "../init";
import { locale } from "../inputs";
import { authedProcedure } from "../procedures";

export const meRouter = router({
  get: authedProcedure.query(async ({ ctx }) => {
    const tenants = await listTenantsOfUser(ctx.user.id);
    return {
      user: ctx.user,
      platformScopes: [...new Set(ctx.user.platformRoles.flatMap((r) => [...PLATFORM_ROLE_SCOPES[r]]))],
      tenants: tenants.map((t) => ({ ...t, scopes: scopesOf(t.role) })),
    };
  }),
  setLocale: authedProcedure.input(z.object({ locale })).mutation(async ({ ctx, input }) => {
    await setUserLocale(ctx.user.id, input.locale);
    return { locale: input.locale };
  }),
});
