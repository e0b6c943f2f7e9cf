import { Command } from "commander";
import { demoAccountsText, seedDemo } from "@/prisma/seed/demo";
import { action, withDatabase } from "../run";

export function seedCommand(): Command {
  const seed = new Command("seed").description("sample data");
  seed
    .command("demo")
    .description("seed the demo tenants and accounts (skips tenants that exist)")
    .action(
      action(async () => {
        await withDatabase(async () => {
          const { created } = await seedDemo();
          console.log(created.length ? `seeded tenants: ${created.join(", ")}` : "demo tenants already exist");
          console.log(demoAccountsText(process.env.PUBLIC_URL ?? "http://localhost:3000"));
        });
      }),
    );
  return seed;
}
