import { z } from "zod";

const decimalText = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,8})?$/, "Use a decimal amount with up to 8 decimal places");
const positiveInt = z.int().positive().max(1_000_000_000);

export const quotaScope = z.enum(["DEPARTMENT", "MEMBER", "KEY"]);
export const quotaPeriod = z.enum(["DAY", "WEEK", "MONTH"]);

// What an admin sets (the service checks that at least one limit is set).
export const quotaSettings = z
  .object({
    departmentId: z.uuid(),
    scope: quotaScope.default("DEPARTMENT"),
    userId: z.uuid().nullable().optional(),
    apiKeyId: z.uuid().nullable().optional(),
    period: quotaPeriod.default("MONTH"),
    tokenLimit: z.int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable().optional(),
    outputWeight: z.int().min(1).max(100).default(1),
    spendLimit: decimalText.nullable().optional(),
    rpm: positiveInt.nullable().optional(),
    tpm: positiveInt.nullable().optional(),
    hard: z.boolean().default(true),
    thresholds: z.array(z.int().min(1).max(100)).max(10).default([50, 80, 100]),
  });
export type QuotaSettings = z.input<typeof quotaSettings>;

export const rateSettings = z.object({
  tenantId: z.uuid().nullable().default(null),
  inputPerMillion: decimalText,
  outputPerMillion: decimalText,
  currency: z.string().trim().regex(/^[A-Z]{3}$/).default("CNY"),
  effectiveFrom: z.coerce.date().optional(),
});
export type RateSettings = z.input<typeof rateSettings>;
