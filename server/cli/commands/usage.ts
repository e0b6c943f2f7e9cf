import { Command, Option } from "commander";
import { exportUsage, type ExportFormat } from "@/server/metering/export";
import { tenantBySlug } from "../lookup";
import { action, withDatabase } from "../run";

// Honours back-pressure, so that piping a large export into a slow consumer
// does not buffer it all in memory.
const writeStdout = (chunk: string) =>
  new Promise<void>((resolve) => {
    if (process.stdout.write(chunk)) resolve();
    else process.stdout.once("drain", resolve);
  });

export function usageCommand(): Command {
  const usage = new Command("usage").description("usage events");
  usage
    .command("export")
    .description("print a tenant's usage events, oldest first")
    .requiredOption("--tenant <slug>", "tenant slug")
    .option("--from <date>", "first day, YYYY-MM-DD in the tenant's time zone")
    .option("--to <date>", "last day (included), YYYY-MM-DD in the tenant's time zone")
    .addOption(new Option("--format <format>", "output format").choices(["csv", "json"]).default("csv"))
    .action(
      action(async (opts: { tenant: string; from?: string; to?: string; format: ExportFormat }) => {
        await withDatabase(async () => {
          const tenant = await tenantBySlug(opts.tenant);
          const count = await exportUsage(tenant.id, { from: opts.from, to: opts.to }, opts.format, writeStdout);
          process.stderr.write(`exported ${count} usage events of ${tenant.slug}\n`);
        });
      }),
    );
  return usage;
}
