import { z } from "zod";
import { playgroundChat } from "@/server/gateway/playground";
import { getGatewayRuntime } from "@/server/gateway/runtime";
import { router } from "../init";
import { scopedProcedure } from "../procedures";

const turn = z.object({ role: z.enum(["user", "assistant"]), content: z.string().min(1).max(100_000) });

export const playgroundRouter = router({
  models: scopedProcedure("playground:use").query(() => getGatewayRuntime()?.pool.models() ?? []),
  chat: scopedProcedure("playground:use")
    .input(
      z.object({
        model: z.string().min(1).max(256),
        system: z.string().max(20_000).nullable().default(null),
        messages: z.array(turn).min(1).max(100),
        temperature: z.number().min(0).max(2).default(0.7),
        maxTokens: z.int().min(1).max(8192).default(512),
        json: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input, signal }) => playgroundChat(ctx.user.id, ctx.access.tenantId, input, signal)),
});
