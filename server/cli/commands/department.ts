import { Command } from "commander";
import { createDepartment } from "@/server/tenancy/departments";
import { displayName, slug } from "@/server/trpc/inputs";
import { tenantBySlug } from "../lookup";
import { action, withDatabase } from "../run";

export function departmentCommand(): Command {
  const department = new Command("department").description("departments inside a tenant");
  department
    .command("create")
    .description("create a department")
    .requiredOption("--tenant <slug>", "tenant slug")
    .requiredOption("--slug <slug>", "department slug")
    .requiredOption("--name <name>", "display name")
    .action(
      action(async (opts: { tenant: string; slug: string; name: string }) => {
        const input = { slug: slug.parse(opts.slug), name: displayName.parse(opts.name) };
        await withDatabase(async () => {
          const tenant = await tenantBySlug(opts.tenant);
          const created = await createDepartment({ userId: null, tenantId: tenant.id }, input);
          console.log(`created department ${created.slug} (${created.id}) in ${tenant.slug}`);
        });
      }),
    );
  return department;
}
