import { z } from "zod";
import { listAudit } from "@/server/tenancy/audit";
import { router } from "../init";
import { scopedProcedure } from "../procedures";

export const auditRouter = router({
  list: scopedProcedure("audit:read")
    .input(
      z.object({
        action: z.string().trim().max(64).optional(),
        actorEmail: z.string().trim().max(254).optional(),
        from: z.date().optional(),
        to: z.date().optional(),
        cursor: z.string().regex(/^\d{1,19}$/).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) =>
      listAudit(ctx.access.tenantId, { ...input, cursor: input.cursor ? BigInt(input.cursor) : undefined }),
    ),
});
