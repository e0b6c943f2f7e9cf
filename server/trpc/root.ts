import { createCallerFactory, router } from "./init";
import { apiKeysRouter } from "./routers/api-keys";
import { auditRouter } from "./routers/audit";
import { clusterRouter } from "./routers/cluster";
import { departmentsRouter } from "./routers/departments";
import { financeRouter } from "./routers/finance";
import { meRouter } from "./routers/me";
import { membersRouter } from "./routers/members";
import { playgroundRouter } from "./routers/playground";
import { quotasRouter } from "./routers/quotas";
import { tenantsRouter } from "./routers/tenants";
import { usageRouter } from "./routers/usage";

export const appRouter = router({
  me: meRouter,
  departments: departmentsRouter,
  members: membersRouter,
  audit: auditRouter,
  tenants: tenantsRouter,
  usage: usageRouter,
  apiKeys: apiKeysRouter,
  playground: playgroundRouter,
  cluster: clusterRouter,
  quotas: quotasRouter,
  finance: financeRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
