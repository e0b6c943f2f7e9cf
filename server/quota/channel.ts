import { randomBytes } from "node:crypto";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/tenancy/audit";
import { checkWebhookUrl } from "./webhook";

export type AlertChannelInput = { webhookUrl: string | null; emails: string[]; rotateSecret?: boolean };

/** Where the tenant's alerts go; the secret is shown to admins so that receivers can check signatures. */
export async function getAlertChannel(tenantId: string) {
  const channel = await getDb().quotaAlertChannel.findUnique({ where: { tenantId } });
  return { webhookUrl: channel?.webhookUrl ?? null, webhookSecret: channel?.webhookSecret ?? null, emails: channel?.emails ?? [], allowlist: webhookAllowlist() };
}

export function webhookAllowlist(): string[] {
  return (process.env.QUOTA_WEBHOOK_ALLOWLIST ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

export async function setAlertChannel(actor: { userId: string | null; tenantId: string }, input: AlertChannelInput) {
  // Refused here, at configuration time, when the target is not allowed.
  const url = input.webhookUrl ? checkWebhookUrl(input.webhookUrl, webhookAllowlist()) : null;
  const emails = [...new Set(input.emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  if (emails.some((e) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e))) throw new AppError("BAD_REQUEST", "Invalid e-mail address", { param: "emails" });
  return getDb().$transaction(async (tx) => {
    const existing = await tx.quotaAlertChannel.findUnique({ where: { tenantId: actor.tenantId } });
    const secret = url ? (input.rotateSecret || !existing?.webhookSecret ? randomBytes(24).toString("base64url") : existing.webhookSecret) : null;
    const channel = await tx.quotaAlertChannel.upsert({
      where: { tenantId: actor.tenantId },
      create: { tenantId: actor.tenantId, webhookUrl: url, webhookSecret: secret, emails },
      update: { webhookUrl: url, webhookSecret: secret, emails },
    });
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "quota.alertChannel",
      targetType: "quotaAlertChannel",
      targetId: actor.tenantId,
      data: { webhookUrl: url, emails, secretRotated: secret !== existing?.webhookSecret },
    });
    return { webhookUrl: channel.webhookUrl, webhookSecret: channel.webhookSecret, emails: channel.emails };
  });
}
