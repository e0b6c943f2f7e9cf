import fs from "node:fs";
import { Command, Option } from "commander";
import { evaluateScenario, formatReportText, parseScenario, reportToJSON, type ReportLocale } from "@/server/economics";
import { action } from "../run";

export function roiCommand(): Command {
  return new Command("roi")
    .description("evaluate a cost scenario file: year table, payback, break-even volumes, capacity (schema: server/economics/README.md)")
    .requiredOption("--scenario <file.json>", "scenario file, e.g. server/economics/scenarios/article.json")
    .option("--json", "print the full report as JSON (decimals as strings)")
    .addOption(new Option("--lang <lang>", "language of the table").choices(["en", "zh-CN"]).default("en"))
    .action(
      action(async (opts: { scenario: string; json?: boolean; lang: ReportLocale }) => {
        const text = fs.readFileSync(opts.scenario, "utf8");
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch {
          throw new Error(`${opts.scenario} is not valid JSON`);
        }
        const report = evaluateScenario(parseScenario(raw));
        process.stdout.write(opts.json ? `${JSON.stringify(reportToJSON(report), null, 2)}\n` : `${formatReportText(report, opts.lang)}\n`);
      }),
    );
}
