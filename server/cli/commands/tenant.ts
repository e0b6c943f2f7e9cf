import { Command } from "commander";
import { createTenant, listAllTenants } from "@/server/tenancy/tenants";
import { displayName, slug, timeZone } from "@/server/trpc/inputs";
import { action, withDatabase } from "../run";

export function tenantCommand(): Command {
  const tenant = new Command("tenant").description("tenants: the companies or teams that share the cluster");
  tenant
    .command("create")
    .description("create a tenant")
    .requiredOption("--slug <slug>", "short id used in URLs and the CLI")
    .requiredOption("--name <name>", "display name")
    .option("--timezone <tz>", "IANA time zone for periods and reports", "Asia/Shanghai")
    .action(
      action(async (opts: { slug: string; name: string; timezone: string }) => {
        const input = { slug: slug.parse(opts.slug), name: displayName.parse(opts.name), timezone: timeZone.parse(opts.timezone) };
        await withDatabase(async () => {
          const created = await createTenant(null, input);
          console.log(`created tenant ${created.slug} (${created.id})`);
        });
      }),
    );
  tenant
    .command("list")
    .description("list tenants")
    .action(
      action(async () => {
        await withDatabase(async () => {
          for (const t of await listAllTenants()) console.log(`${t.slug}\t${t.name}\t${t.timezone}\t${t._count.memberships} members`);
        });
      }),
    );
  return tenant;
}
