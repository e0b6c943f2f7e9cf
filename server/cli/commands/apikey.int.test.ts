import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { hashApiKey } from "@/server/auth/api-keys";
import { getDb } from "@/server/db";
import { createTenantFixture, type TenantFixture } from "@/server/trpc/testing/fixtures";

const ROOT = path.resolve(import.meta.dirname, "../../..");
let f: TenantFixture;

// The CLI as an operator runs it (logging on), against this file's database.
async function cli(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: process.env.DATABASE_URL!, NODE_ENV: "production" };
  return promisify(execFile)("npx", ["tsx", "server/cli/main.ts", "apikey", ...args], { cwd: ROOT, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

beforeAll(async () => {
  f = await createTenantFixture("cli");
});

describe("apikey CLI", () => {
  it("create prints only the key; list shows it; revoke ends it", async () => {
    const created = await cli("create", "--tenant", f.slug, "--department", "one", "--name", "nightly batch", "--models", "qwen,llama", "--endpoints", "chat.completions");
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^sk-[0-9A-Za-z]{43}\n$/);
    const key = created.stdout.trim();
    const row = await getDb().apiKey.findUniqueOrThrow({ where: { hash: hashApiKey(key) } });
    expect(row).toMatchObject({ kind: "SERVICE", departmentId: f.departmentIds[0], name: "nightly batch", models: ["qwen", "llama"], endpoints: ["chat.completions"] });

    const listed = await cli("list", "--tenant", f.slug);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${row.prefix}\tSERVICE\tactive\tone\t-\tnightly batch`);
    expect(listed.stdout).not.toContain(key);

    const revoked = await cli("revoke", row.prefix);
    expect(revoked.code).toBe(0);
    expect((await getDb().apiKey.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).not.toBeNull();
  }, 60_000);

  it("creates a personal key for a member with an expiry", async () => {
    const created = await cli("create", "--tenant", f.slug, "--department", "one", "--user", f.member.email, "--name", "for Ann", "--expires", "2099-01-01");
    expect(created.code).toBe(0);
    const row = await getDb().apiKey.findUniqueOrThrow({ where: { hash: hashApiKey(created.stdout.trim()) } });
    expect(row).toMatchObject({ kind: "PERSONAL", userId: f.member.userId, expiresAt: new Date("2099-01-01T00:00:00Z") });
  }, 30_000);

  it("fails on stderr with a non-zero exit, printing no key", async () => {
    for (const args of [
      ["create", "--tenant", "no-such-tenant", "--department", "one", "--name", "x"],
      ["create", "--tenant", f.slug, "--department", "one", "--name", "x", "--expires", "2001-01-01"],
      ["create", "--tenant", f.slug, "--department", "one", "--name", "x", "--endpoints", "embeddings"],
    ]) {
      const result = await cli(...args);
      expect(result.code, args.join(" ")).not.toBe(0);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^error: /m);
    }
  }, 60_000);
});
