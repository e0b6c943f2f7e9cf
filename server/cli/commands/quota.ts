import { Command, Option } from "commander";
import { getDb } from "@/server/db";
import { notFound } from "@/server/errors";
import { listQuotas, listRates, setQuota, setRate } from "@/server/quota";
import { departmentBySlug, tenantBySlug } from "../lookup";
import { action, withDatabase } from "../run";

type SetOptions = {
  tenant: string;
  department: string;
  user?: string;
  key?: string;
  period: "day" | "week" | "month";
  tokens?: string;
  spend?: string;
  rpm?: string;
  tpm?: string;
  outputWeight?: string;
  thresholds?: string;
  soft?: boolean;
};

const int = (value: string | undefined) => (value === undefined ? undefined : Number(value));

async function scopeOf(tenantId: string, departmentId: string, opts: SetOptions) {
  if (opts.user) {
    const user = await getDb().user.findUnique({ where: { email: opts.user.toLowerCase() }, select: { id: true } });
    if (!user) throw notFound(`User "${opts.user}"`);
    return { scope: "MEMBER" as const, userId: user.id };
  }
  if (opts.key) {
    const key = await getDb().apiKey.findFirst({ where: { tenantId, departmentId, prefix: { startsWith: opts.key } }, select: { id: true } });
    if (!key) throw notFound(`API key "${opts.key}…" in this department`);
    return { scope: "KEY" as const, apiKeyId: key.id };
  }
  return { scope: "DEPARTMENT" as const };
}

export function quotaCommand(): Command {
  const quota = new Command("quota").description("quotas and rate limits of departments, members and keys");
  quota
    .command("set")
    .description("create or replace the quota of a department, a member inside it (--user) or a key (--key)")
    .requiredOption("--tenant <slug>", "tenant slug")
    .requiredOption("--department <slug>", "department slug")
    .option("--user <email>", "a member's quota inside the department")
    .option("--key <prefix>", "an API key's quota (its display prefix)")
    .addOption(new Option("--period <period>", "budget period, in the tenant's time zone").choices(["day", "week", "month"]).default("month"))
    .option("--tokens <n>", "token budget per period")
    .option("--spend <amount>", "money budget per period at the internal rate (e.g. 500.00)")
    .option("--rpm <n>", "requests per minute")
    .option("--tpm <n>", "tokens per minute")
    .option("--output-weight <n>", "count each output token this many times", "1")
    .option("--thresholds <list>", "alert thresholds in percent", "50,80,100")
    .option("--soft", "admit past the limit and only alert")
    .action(
      action(async (opts: SetOptions) => {
        await withDatabase(async () => {
          const tenant = await tenantBySlug(opts.tenant);
          const department = await departmentBySlug(tenant.id, opts.department);
          const saved = await setQuota(
            { userId: null, tenantId: tenant.id },
            {
              departmentId: department.id,
              ...(await scopeOf(tenant.id, department.id, opts)),
              period: opts.period.toUpperCase() as "DAY" | "WEEK" | "MONTH",
              tokenLimit: int(opts.tokens) ?? null,
              spendLimit: opts.spend ?? null,
              rpm: int(opts.rpm) ?? null,
              tpm: int(opts.tpm) ?? null,
              outputWeight: int(opts.outputWeight),
              thresholds: opts.thresholds?.split(",").map((t) => Number(t.trim())),
              hard: !opts.soft,
            },
          );
          console.log(`quota ${saved.id} set on ${tenant.slug}/${department.slug} (${saved.scope.toLowerCase()}, ${saved.period.toLowerCase()}${saved.hard ? "" : ", soft"})`);
        });
      }),
    );
  quota
    .command("show")
    .description("print quotas with this period's use, remaining budget and reset time")
    .requiredOption("--tenant <slug>", "tenant slug")
    .option("--department <slug>", "only this department")
    .option("--json", "print JSON")
    .action(
      action(async (opts: { tenant: string; department?: string; json?: boolean }) => {
        await withDatabase(async () => {
          const tenant = await tenantBySlug(opts.tenant);
          const department = opts.department ? await departmentBySlug(tenant.id, opts.department) : null;
          const rows = await listQuotas(tenant.id, { departmentIds: department ? [department.id] : null });
          if (opts.json) {
            console.log(JSON.stringify(rows, null, 2));
            return;
          }
          if (rows.length === 0) {
            console.log("no quotas");
            return;
          }
          const table = rows.map((q) => ({
            department: q.departmentName,
            scope: q.scope === "DEPARTMENT" ? "department" : q.scope === "MEMBER" ? `member ${q.userEmail}` : `key ${q.keyLabel}`,
            period: q.period.toLowerCase(),
            tokens: q.tokenLimit === null ? "-" : `${q.usedTokens}+${q.reservedTokens}/${q.tokenLimit}`,
            remaining: q.remainingTokens ?? "-",
            spend: q.spendLimit === null ? "-" : `${q.usedSpend}/${q.spendLimit}`,
            rpm: q.rpm ?? "-",
            tpm: q.tpm ?? "-",
            mode: q.hard ? "hard" : "soft",
            resets: q.periodEnd.toISOString(),
          }));
          console.table(table);
        });
      }),
    );
  quota
    .command("rate")
    .description("set the internal chargeback rate (per 1M tokens), platform-wide or for one tenant")
    .requiredOption("--input <amount>", "price per 1M input tokens")
    .requiredOption("--output <amount>", "price per 1M output tokens")
    .option("--currency <code>", "currency", "CNY")
    .option("--tenant <slug>", "a tenant's own rate")
    .option("--from <date>", "effective from (ISO date); default now")
    .action(
      action(async (opts: { input: string; output: string; currency: string; tenant?: string; from?: string }) => {
        await withDatabase(async () => {
          const tenant = opts.tenant ? await tenantBySlug(opts.tenant) : null;
          await setRate(null, { tenantId: tenant?.id ?? null, inputPerMillion: opts.input, outputPerMillion: opts.output, currency: opts.currency, effectiveFrom: opts.from });
          for (const r of (await listRates(tenant?.id ?? null)).slice(0, 5)) {
            console.log(`${r.effectiveFrom.toISOString()}  ${r.tenantId ? "tenant" : "platform"}  in ${r.inputPerMillion}  out ${r.outputPerMillion} ${r.currency} per 1M tokens`);
          }
        });
      }),
    );
  return quota;
}
