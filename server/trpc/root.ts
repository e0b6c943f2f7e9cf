import { createCallerFactory, router } from "./init";
import { auditRouter } from "./routers/audit";
import { departmentsRouter } from "./routers/departments";
import { meRouter } from "./routers/me";
import { membersRouter } from "./routers/members";
import { tenantsRouter } from "./routers/tenants";

export const appRouter = router({
  me: meRouter,
  departments: departmentsRouter,
  members: membersRouter,
  audit: auditRouter,
  tenants: tenantsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
