import { Command } from "commander";
import { apikeyCommand } from "./commands/apikey";
import { departmentCommand } from "./commands/department";
import { quotaCommand } from "./commands/quota";
import { roiCommand } from "./commands/roi";
import { seedCommand } from "./commands/seed";
import { tenantCommand } from "./commands/tenant";
import { usageCommand } from "./commands/usage";
import { userCommand } from "./commands/user";

const program = new Command("cli")
  .description("Operator commands of the inference cost portal (npm run cli -- <command> --help)")
  .showHelpAfterError()
  .addCommand(tenantCommand())
  .addCommand(departmentCommand())
  .addCommand(userCommand())
  .addCommand(apikeyCommand())
  .addCommand(seedCommand())
  .addCommand(roiCommand())
  .addCommand(usageCommand())
  .addCommand(quotaCommand());

await program.parseAsync(process.argv);
