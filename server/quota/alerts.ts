import nodemailer from "nodemailer";
import { getDb } from "@/server/db";
import { logger } from "@/server/logger";
import { assertPublicTarget, backoffMs, MAX_ATTEMPTS, signPayload } from "./webhook";

// Delivers raised alerts (QuotaAlert rows, the outbox) to the tenant's
// webhook and e-mail recipients. Rows are claimed with SKIP LOCKED, so any
// number of processes can run this; each alert is retried with backoff.

export interface Mailer {
  send(message: { to: string[]; subject: string; text: string }): Promise<void>;
}

export type AlertPayload = {
  type: "quota.threshold" | "quota.forecast";
  alertId: string;
  tenantId: string;
  quotaId: string;
  departmentId: string;
  scope: string;
  period: string;
  periodStart: string;
  threshold: number;
  usedTokens: string;
  tokenLimit: string | null;
  usedSpend: string;
  spendLimit: string | null;
  createdAt: string;
};

type Claimed = AlertPayload & { attempts: number; webhookUrl: string | null; webhookSecret: string | null; emails: string[] };

export type DeliveryOptions = { mailer?: Mailer | null; fetchImpl?: typeof fetch; allowInternalTargets?: boolean; timeoutMs?: number };

async function claim(limit: number): Promise<Claimed[]> {
  return getDb().$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT a.id FROM "QuotaAlert" a
      WHERE a."deliveryState" = 'pending' AND a."nextAttemptAt" <= now()
      ORDER BY a."nextAttemptAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE "QuotaAlert" a SET attempts = a.attempts + 1, "nextAttemptAt" = now() + interval '5 minutes'
      FROM due WHERE a.id = due.id
      RETURNING a.*
    )
    SELECT c.id AS "alertId", c."tenantId", c."quotaId", q."departmentId", q.scope::text AS scope, q.period::text AS period,
      c."periodStart"::text AS "periodStart", c.threshold, c."usedTokens"::text AS "usedTokens", q."tokenLimit"::text AS "tokenLimit",
      c."usedSpend"::text AS "usedSpend", q."spendLimit"::text AS "spendLimit", c."createdAt"::text AS "createdAt", c.attempts,
      CASE c.kind WHEN 'forecast' THEN 'quota.forecast' ELSE 'quota.threshold' END AS type,
      ch."webhookUrl", ch."webhookSecret", coalesce(ch.emails, '{}') AS emails
    FROM claimed c JOIN "Quota" q ON q.id = c."quotaId" LEFT JOIN "QuotaAlertChannel" ch ON ch."tenantId" = c."tenantId"`;
}

async function postWebhook(alert: Claimed, opts: DeliveryOptions): Promise<void> {
  const { webhookUrl: url, webhookSecret: secret, attempts, webhookSecret: _s, webhookUrl: _u, emails: _e, ...payload } = alert;
  void _s;
  void _u;
  void _e;
  void attempts;
  await assertPublicTarget(url!, opts.allowInternalTargets);
  const body = JSON.stringify(payload);
  const response = await (opts.fetchImpl ?? fetch)(url!, {
    method: "POST",
    headers: { "content-type": "application/json", "x-portal-signature": signPayload(secret ?? "", body, Math.floor(Date.now() / 1000)), "x-portal-alert-id": alert.alertId },
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
  });
  if (response.status < 200 || response.status >= 300) throw new Error(`webhook answered HTTP ${response.status}`);
}

function describe(a: Claimed): { subject: string; text: string } {
  const what = a.type === "quota.forecast" ? "is forecast to run out before the period ends" : `reached ${a.threshold}% of its limit`;
  const subject = `Quota alert: a ${a.scope.toLowerCase()} ${a.period.toLowerCase()} quota ${what}`;
  const text = `${subject}.\n\nUsed: ${a.usedTokens} tokens${a.tokenLimit ? ` of ${a.tokenLimit}` : ""}; spend ${a.usedSpend}${a.spendLimit ? ` of ${a.spendLimit}` : ""}.\nPeriod from ${a.periodStart}.\n`;
  return { subject, text };
}

/** One pass: delivers what is due; returns how many alerts were settled (sent, given up or nothing to send). */
export async function deliverDueAlerts(opts: DeliveryOptions = {}, limit = 20): Promise<number> {
  const due = await claim(limit);
  let settled = 0;
  for (const alert of due) {
    const channels = Boolean(alert.webhookUrl) || (alert.emails.length > 0 && Boolean(opts.mailer));
    if (!channels) {
      await getDb().quotaAlert.update({ where: { id: alert.alertId }, data: { deliveryState: "none" } });
      settled++;
      continue;
    }
    try {
      if (alert.webhookUrl) await postWebhook(alert, opts);
      if (alert.emails.length > 0 && opts.mailer) await opts.mailer.send({ to: alert.emails, ...describe(alert) });
      await getDb().quotaAlert.update({ where: { id: alert.alertId }, data: { deliveryState: "sent", deliveredAt: new Date(), lastError: null } });
      settled++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = alert.attempts >= MAX_ATTEMPTS;
      await getDb().quotaAlert.update({
        where: { id: alert.alertId },
        data: { deliveryState: giveUp ? "failed" : "pending", lastError: message.slice(0, 500), nextAttemptAt: new Date(Date.now() + backoffMs(alert.attempts)) },
      });
      logger.warn({ alertId: alert.alertId, attempts: alert.attempts, giveUp, err: message }, "quota alert delivery failed");
      if (giveUp) settled++;
    }
  }
  return settled;
}

/** The optional e-mail channel: SMTP through nodemailer when SMTP_URL is set. */
export function smtpMailer(): Mailer | null {
  const smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) return null;
  const transport = nodemailer.createTransport(smtpUrl);
  const from = process.env.SMTP_FROM ?? "portal@localhost";
  return { send: async (m) => void (await transport.sendMail({ from, to: m.to.join(", "), subject: m.subject, text: m.text })) };
}

/** Runs deliveries every few seconds in the background; returns a stop function. */
export function startAlertDelivery(opts: DeliveryOptions & { intervalMs?: number } = {}): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      while ((await deliverDueAlerts(opts)) > 0);
    } catch (error) {
      logger.warn({ err: error }, "quota alert delivery pass failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.intervalMs ?? 5_000);
  timer.unref();
  return () => clearInterval(timer);
}
