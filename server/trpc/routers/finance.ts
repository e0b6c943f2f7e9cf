import { z } from "zod";
import {
  alternativesReport,
  catalogEntryInput,
  chargebackPolicyInput,
  clusterChargeback,
  costModelInput,
  createCatalogEntry,
  createCostModelVersion,
  daySchema,
  deleteScenario,
  listCatalog,
  listCostModelVersions,
  listSavedScenarios,
  monthSchema,
  platformOverview,
  retireCatalogEntry,
  roiBaseScenario,
  savedScenarioInput,
  saveScenario,
  tenantChargeback,
  tenantOverview,
} from "@/server/finance";
import { router } from "../init";
import { id } from "../inputs";
import { platformProcedure, scopedProcedure } from "../procedures";

const month = z.object({ month: monthSchema.optional() });
const finance = platformProcedure("platform:finance");
const costModel = platformProcedure("platform:costModel");
const catalog = platformProcedure("platform:priceCatalog");

export const financeRouter = router({
  // The whole cluster: platform finance and admins.
  overview: finance.input(month).query(({ input }) => platformOverview(input.month)),
  alternatives: finance.input(month).query(({ input }) => alternativesReport(input.month)),
  chargeback: finance.input(month.extend(chargebackPolicyInput.shape)).query(({ input: { month: m, ...policy } }) => clusterChargeback(m, policy)),
  roiBase: finance.query(() => roiBaseScenario()),
  scenarios: router({
    list: finance.query(() => listSavedScenarios()),
    save: finance.input(savedScenarioInput).mutation(({ ctx, input }) => saveScenario(ctx.user.id, input)),
    delete: finance.input(z.object({ scenarioId: id })).mutation(({ ctx, input }) => deleteScenario(ctx.user.id, input.scenarioId)),
  }),
  costModel: router({
    list: costModel.query(() => listCostModelVersions()),
    create: costModel.input(costModelInput).mutation(({ ctx, input }) => createCostModelVersion(ctx.user.id, input)),
  }),
  catalog: router({
    list: catalog.query(() => listCatalog()),
    create: catalog.input(catalogEntryInput).mutation(({ ctx, input }) => createCatalogEntry(ctx.user.id, input)),
    retire: catalog
      .input(z.object({ entryId: id, effectiveTo: daySchema }))
      .mutation(({ ctx, input }) => retireCatalogEntry(ctx.user.id, input.entryId, input.effectiveTo)),
  }),
  // One tenant's share: its own finance role sees its departments only.
  tenantOverview: scopedProcedure("finance:read")
    .input(month)
    .query(({ ctx, input }) => tenantOverview(ctx.access.tenantId, input.month)),
  tenantChargeback: scopedProcedure("chargeback:read")
    .input(month)
    .query(({ ctx, input }) => tenantChargeback(ctx.access.tenantId, input.month)),
});
