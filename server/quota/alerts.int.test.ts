import { createHmac, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { createTenantFixture, type TenantFixture } from "@/server/trpc/testing/fixtures";
import { deliverDueAlerts, type Mailer } from "./alerts";
import { setAlertChannel } from "./channel";
import { setQuota } from "./service";

let t: TenantFixture;
beforeAll(async () => {
  process.env.QUOTA_WEBHOOK_ALLOWLIST = "hooks.example.com";
  t = await createTenantFixture("alerts");
});

// A minute into this month in Shanghai: too early in the period for a forecast.
function earlyThisMonth(): Date {
  const local = new Date(Date.now() + 8 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1, 0, 1) - 8 * 3_600_000);
}

async function raiseAlert(tenant: TenantFixture) {
  const quota = await setQuota({ userId: tenant.admin.userId, tenantId: tenant.tenantId }, { departmentId: tenant.departmentIds[0], tokenLimit: 100, hard: false, thresholds: [50] });
  await getDb().usageEvent.create({
    data: {
      requestId: randomUUID(), tenantId: tenant.tenantId, departmentId: tenant.departmentIds[0], model: "m", endpoint: "chat.completions", stream: false,
      promptTokens: 60, completionTokens: 0, tokenSource: "upstream", status: "ok", httpStatus: 200, queueMs: 0, totalMs: 1, startedAt: earlyThisMonth(), endedAt: earlyThisMonth(),
    },
  });
  return quota.id;
}

describe("alert channels", () => {
  it("a webhook to a non-allowlisted or internal address is refused at configuration time", async () => {
    const actor = { userId: t.admin.userId, tenantId: t.tenantId };
    for (const url of ["https://evil.example.net/hook", "http://127.0.0.1:3000/hook", "http://169.254.169.254/latest/meta-data", "http://localhost/hook"]) {
      await expect(setAlertChannel(actor, { webhookUrl: url, emails: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(await getDb().quotaAlertChannel.findUnique({ where: { tenantId: t.tenantId } })).toBeNull();
    const saved = await setAlertChannel(actor, { webhookUrl: "https://hooks.example.com/quota", emails: ["ops@example.com"] });
    expect(saved.webhookSecret).toBeTruthy();
    expect(await t.admin.caller.audit.list({ tenantId: t.tenantId, action: "quota.alertChannel" })).toMatchObject({ items: [{ action: "quota.alertChannel" }] });
  });

  it("an alert is POSTed as signed JSON, retried with backoff until it succeeds, and e-mailed", async () => {
    const g = await createTenantFixture("deliver");
    const channel = await setAlertChannel({ userId: g.admin.userId, tenantId: g.tenantId }, { webhookUrl: "https://hooks.example.com/quota", emails: ["ops@example.com"] });
    await getDb().quotaAlert.updateMany({ data: { deliveryState: "none" } });
    const quotaId = await raiseAlert(g);
    const calls: { url: string; body: string; signature: string }[] = [];
    let failures = 1;
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: String(init.body), signature: (init.headers as Record<string, string>)["x-portal-signature"]! });
      return new Response(null, { status: failures-- > 0 ? 500 : 204 });
    }) as unknown as typeof fetch;
    const mails: string[][] = [];
    const mailer: Mailer = { send: async (m) => void mails.push(m.to) };
    const opts = { fetchImpl, mailer, allowInternalTargets: true };
    expect(await deliverDueAlerts(opts)).toBe(0);
    const after = await getDb().quotaAlert.findFirstOrThrow({ where: { quotaId } });
    expect(after).toMatchObject({ deliveryState: "pending", attempts: 1, lastError: "webhook answered HTTP 500" });
    expect(after.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 5_000);
    // Not due yet: nothing is sent again.
    expect(await deliverDueAlerts(opts)).toBe(0);
    expect(calls).toHaveLength(1);
    await getDb().quotaAlert.update({ where: { id: after.id }, data: { nextAttemptAt: new Date() } });
    expect(await deliverDueAlerts(opts)).toBe(1);
    expect(calls).toHaveLength(2);
    expect(mails).toEqual([["ops@example.com"]]);
    expect((await getDb().quotaAlert.findFirstOrThrow({ where: { quotaId } })).deliveryState).toBe("sent");
    const { body, signature } = calls[1]!;
    const [, ts, mac] = signature.match(/^t=(\d+),v1=([0-9a-f]+)$/)!;
    expect(mac).toBe(createHmac("sha256", channel.webhookSecret!).update(`${ts}.${body}`).digest("hex"));
    expect(JSON.parse(body)).toMatchObject({ type: "quota.threshold", quotaId, threshold: 50, usedTokens: "60", tokenLimit: "100" });
  });

  it("the in-app notifications list the alerts to the tenant's and the department's admins only", async () => {
    const g = await createTenantFixture("inapp");
    await raiseAlert(g);
    expect(await g.deptAdmin.caller.quotas.alerts({ tenantId: g.tenantId })).toMatchObject([{ threshold: 50, kind: "threshold" }]);
    expect(await g.admin.caller.quotas.alerts({ tenantId: g.tenantId })).toHaveLength(1);
    await expect(g.member.caller.quotas.alerts({ tenantId: g.tenantId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
