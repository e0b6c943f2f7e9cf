import { Command, Option } from "commander";
import { z } from "zod";
import { generatePassword } from "@/server/auth/password";
import { createUser, setUserDisabled } from "@/server/auth/users";
import { getDb } from "@/server/db";
import { recordAudit } from "@/server/tenancy/audit";
import { displayName, email, tenantRole } from "@/server/trpc/inputs";
import { departmentBySlug, tenantBySlug } from "../lookup";
import { action, withDatabase } from "../run";

type CreateOptions = {
  email: string;
  name: string;
  password?: string;
  tenant?: string;
  role?: string;
  department?: string;
  platformRole: string[];
};

const platformRole = z.enum(["PLATFORM_ADMIN", "PLATFORM_FINANCE"]);
const collect = (value: string, previous: string[]) => [...previous, value];

async function createWithMembership(opts: CreateOptions) {
  const input = {
    email: email.parse(opts.email),
    name: displayName.parse(opts.name),
    password: opts.password ? z.string().min(8, "password: at least 8 characters").parse(opts.password) : undefined,
    role: opts.tenant ? tenantRole.parse(opts.role ?? "MEMBER") : undefined,
    platformRoles: opts.platformRole.map((r) => platformRole.parse(r)),
  };
  const password = input.password ?? generatePassword();
  await withDatabase(async () => {
    const tenant = opts.tenant ? await tenantBySlug(opts.tenant) : null;
    const department = tenant && opts.department ? await departmentBySlug(tenant.id, opts.department) : null;
    const user = await createUser({ email: input.email, name: input.name, password, platformRoles: input.platformRoles });
    if (tenant && input.role) {
      await getDb().$transaction(async (tx) => {
        const membership = await tx.membership.create({
          data: { tenantId: tenant.id, userId: user.id, role: input.role!, homeDepartmentId: department?.id ?? null },
        });
        await recordAudit(tx, {
          tenantId: tenant.id,
          actorUserId: null,
          action: "member.add",
          targetType: "membership",
          targetId: membership.id,
          data: { email: user.email, role: input.role!, via: "cli" },
        });
      });
    }
    console.log(`created user ${user.email}${tenant ? ` as ${input.role} of ${tenant.slug}` : ""}`);
    if (!input.password) console.log(`initial password: ${password}`);
  });
}

export function userCommand(): Command {
  const user = new Command("user").description("user accounts");
  user
    .command("create")
    .description("create a user, optionally as a member of a tenant")
    .requiredOption("--email <email>", "sign-in e-mail")
    .requiredOption("--name <name>", "display name")
    .option("--password <password>", "initial password (generated and printed when omitted)")
    .option("--tenant <slug>", "add to this tenant")
    .addOption(new Option("--role <role>", "role in the tenant").choices(["OWNER", "ADMIN", "FINANCE", "MEMBER"]))
    .option("--department <slug>", "home department in the tenant")
    .option("--platform-role <role>", "PLATFORM_ADMIN or PLATFORM_FINANCE (repeatable)", collect, [])
    .action(action(createWithMembership));
  for (const [name, disabled] of [["disable", true], ["enable", false]] as const) {
    user
      .command(name)
      .description(`${name} a user everywhere; ${disabled ? "their sessions end at once" : "they sign in again"}`)
      .requiredOption("--email <email>", "sign-in e-mail")
      .action(
        action(async (opts: { email: string }) => {
          await withDatabase(async () => {
            const updated = await setUserDisabled(email.parse(opts.email), disabled);
            console.log(`${updated.email} ${disabled ? "disabled" : "enabled"}`);
          });
        }),
      );
  }
  return user;
}
