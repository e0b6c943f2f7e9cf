import { Command } from "commander";
import { z } from "zod";
import {
  createPersonalKeyFor,
  createServiceKey,
  keyByPrefix,
  keySettings,
  listTenantKeys,
  revokeKey,
  type CreatedKey,
} from "@/server/auth/api-keys";
import { getDb } from "@/server/db";
import { notFound } from "@/server/errors";
import { email } from "@/server/trpc/inputs";
import { departmentBySlug, tenantBySlug } from "../lookup";
import { action, withDatabase } from "../run";

type CreateOptions = { tenant: string; department: string; user?: string; name: string; expires?: string; models?: string; endpoints?: string };

const list = (value: string | undefined) => (value ? value.split(",").map((s) => s.trim()).filter(Boolean) : []);
const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date()).transform((s) => new Date(s));

async function create(opts: CreateOptions) {
  const settings = keySettings.parse({
    name: opts.name,
    expiresAt: opts.expires === undefined ? undefined : isoDate.parse(opts.expires),
    models: list(opts.models),
    endpoints: list(opts.endpoints),
  });
  const userEmail = opts.user === undefined ? undefined : email.parse(opts.user).toLowerCase();
  let created: CreatedKey | undefined;
  await withDatabase(async () => {
    const tenant = await tenantBySlug(opts.tenant);
    const department = await departmentBySlug(tenant.id, opts.department);
    const operator = { operator: true as const, tenantId: tenant.id };
    if (userEmail) {
      const user = await getDb().user.findUnique({ where: { email: userEmail }, select: { id: true } });
      if (!user) throw notFound(`User "${userEmail}"`);
      created = await createPersonalKeyFor(operator, { userId: user.id, departmentId: department.id }, settings);
    } else {
      created = await createServiceKey(operator, department.id, settings);
    }
  });
  // Only the key on stdout, so that scripts can capture it; the rest on stderr.
  process.stderr.write(`created ${created!.apiKey.kind.toLowerCase()} key ${created!.apiKey.prefix} (shown once)\n`);
  process.stdout.write(`${created!.key}\n`);
}

export function apikeyCommand(): Command {
  const apikey = new Command("apikey").description("API keys for the OpenAI-compatible endpoint");
  apikey
    .command("create")
    .description("create a key and print it (only the key) on stdout; it is not stored and cannot be shown again")
    .requiredOption("--tenant <slug>", "tenant slug")
    .requiredOption("--department <slug>", "department that owns the key and pays for its usage")
    .option("--user <email>", "a personal key of this member (a service key of the department when omitted)")
    .requiredOption("--name <name>", "what the key is for")
    .option("--expires <date>", "ISO date or date-time after which the key stops working")
    .option("--models <ids>", "comma-separated model ids the key may use (all when omitted)")
    .option("--endpoints <names>", "comma-separated: chat.completions, completions, models (all when omitted)")
    .action(action(create));
  apikey
    .command("revoke")
    .description("revoke a key at once, on every gateway")
    .argument("<prefix>", "the key's display prefix, e.g. sk-AbCd1234E")
    .action(
      action(async (prefix: string) => {
        await withDatabase(async () => {
          const key = await keyByPrefix(prefix);
          const revoked = await revokeKey({ operator: true, tenantId: key.tenantId }, key.id);
          console.log(`revoked ${revoked.prefix} (${revoked.name})`);
        });
      }),
    );
  apikey
    .command("list")
    .description("list a tenant's keys (never the keys themselves)")
    .requiredOption("--tenant <slug>", "tenant slug")
    .action(
      action(async (opts: { tenant: string }) => {
        await withDatabase(async () => {
          const tenant = await tenantBySlug(opts.tenant);
          for (const k of await listTenantKeys(tenant.id)) {
            const scopes = `${k.endpoints.join(",") || "*"} ${k.models.join(",") || "*"}`;
            const ends = k.endsAt?.toISOString() ?? "-";
            const used = k.lastUsedAt?.toISOString() ?? "never";
            console.log([k.prefix, k.kind, k.status, k.departmentSlug, k.ownerEmail ?? "-", k.name, scopes, `ends ${ends}`, `used ${used}`].join("\t"));
          }
        });
      }),
    );
  return apikey;
}
