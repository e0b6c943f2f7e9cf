import { Command } from "commander";
import { departmentCommand } from "./commands/department";
import { seedCommand } from "./commands/seed";
import { tenantCommand } from "./commands/tenant";
import { userCommand } from "./commands/user";

const program = new Command("cli")
  .description("Operator commands of the inference cost portal (npm run cli -- <command> --help)")
  .showHelpAfterError()
  .addCommand(tenantCommand())
  .addCommand(departmentCommand())
  .addCommand(userCommand())
  .addCommand(seedCommand());

await program.parseAsync(process.argv);
