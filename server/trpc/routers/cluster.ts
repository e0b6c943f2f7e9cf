import { z } from "zod";
import { createNode, listNodeOverview, listSamples, nodeChanges, nodeFields, setNodeEnabled, updateNode } from "@/server/cluster";
import { router } from "../init";
import { id } from "../inputs";
import { platformProcedure } from "../procedures";

const nodes = platformProcedure("platform:nodes");

export const clusterRouter = router({
  list: nodes.query(() => listNodeOverview()),
  create: nodes.input(nodeFields).mutation(({ ctx, input }) => createNode(ctx.user.id, input)),
  update: nodes
    .input(nodeChanges.extend({ nodeId: id }))
    .mutation(({ ctx, input: { nodeId, ...changes } }) => updateNode(ctx.user.id, nodeId, changes)),
  setEnabled: nodes
    .input(z.object({ nodeId: id, enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setNodeEnabled(ctx.user.id, input.nodeId, input.enabled)),
  samples: nodes
    .input(z.object({ nodeId: id, hours: z.int().min(1).max(168).optional() }))
    .query(({ input }) => listSamples(input.nodeId, new Date(Date.now() - (input.hours ?? 6) * 3_600_000))),
});
