import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { createTenantFixture, type TenantFixture } from "@/server/trpc/testing/fixtures";
import { codeOf } from "@/server/trpc/testing/procedures";
import { hashApiKey } from "./key-format";

let f: TenantFixture;
const inTenant = <T extends object>(input: T) => ({ tenantId: f.tenantId, ...input });

beforeAll(async () => {
  f = await createTenantFixture("keys");
});

describe("personal keys", () => {
  it("are returned once; only their hash and prefix are stored", async () => {
    const { key, apiKey } = await f.member.caller.apiKeys.createPersonal(inTenant({ name: "laptop", models: ["qwen"], endpoints: ["chat.completions"] }));
    expect(key).toMatch(/^sk-[0-9A-Za-z]{43}$/);
    expect(apiKey).toMatchObject({ kind: "PERSONAL", userId: f.member.userId, departmentId: f.departmentIds[0], prefix: key.slice(0, 12), status: "active" });

    const row = await getDb().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.hash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key);
    const audit = await getDb().auditLog.findMany({ where: { tenantId: f.tenantId, targetId: apiKey.id } });
    expect(audit.map((a) => a.action)).toEqual(["apiKey.create"]);
    expect(JSON.stringify(audit.map((a) => a.data))).not.toContain(key);

    const mine = await f.member.caller.apiKeys.listMine(inTenant({}));
    const listed = mine.find((k) => k.id === apiKey.id)!;
    expect(listed).toMatchObject({ name: "laptop", prefix: apiKey.prefix, models: ["qwen"], endpoints: ["chat.completions"] });
    expect(listed).not.toHaveProperty("hash");
    expect(JSON.stringify(mine)).not.toContain(row.hash);
  });

  it("need a home department", async () => {
    await expect(f.admin.caller.apiKeys.createPersonal(inTenant({ name: "x" }))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("home department"),
    });
  });

  it("are listed to their owner only", async () => {
    await f.deptAdmin.caller.apiKeys.createPersonal(inTenant({ name: "deptadmin's own" }));
    const mine = await f.member.caller.apiKeys.listMine(inTenant({}));
    expect(mine.every((k) => k.userId === f.member.userId)).toBe(true);
  });

  it("refuse an expiry in the past", async () => {
    const expiresAt = new Date(Date.now() - 1000);
    expect(await codeOf(f.member.caller.apiKeys.createPersonal(inTenant({ name: "old", expiresAt })))).toBe("BAD_REQUEST");
  });
});

describe("service keys", () => {
  it("are created by tenant admins anywhere and by department admins in their departments only", async () => {
    const create = (who: "owner" | "admin" | "finance" | "member" | "deptAdmin", departmentId: string) =>
      codeOf(f[who].caller.apiKeys.createService(inTenant({ departmentId, name: `svc ${who}` })));
    expect(await create("member", f.departmentIds[0])).toBe("FORBIDDEN");
    expect(await create("finance", f.departmentIds[0])).toBe("FORBIDDEN");
    expect(await create("deptAdmin", f.departmentIds[1])).toBe("FORBIDDEN");
    expect(await create("deptAdmin", f.departmentIds[0])).toBe("OK");
    expect(await create("admin", f.departmentIds[1])).toBe("OK");
    expect(await create("owner", f.departmentIds[1])).toBe("OK");
  });

  it("cannot be created in an archived department", async () => {
    const dept = await f.owner.caller.departments.create(inTenant({ slug: "gone", name: "Gone" }));
    await f.owner.caller.departments.archive(inTenant({ departmentId: dept.id, archived: true }));
    expect(await codeOf(f.owner.caller.apiKeys.createService(inTenant({ departmentId: dept.id, name: "x" })))).toBe("BAD_REQUEST");
  });

  it("are listed with the department's personal keys to those who administer it", async () => {
    const { apiKey } = await f.deptAdmin.caller.apiKeys.createService(inTenant({ departmentId: f.departmentIds[0], name: "batch job" }));
    const listed = await f.deptAdmin.caller.apiKeys.listForDepartment(inTenant({ departmentId: f.departmentIds[0] }));
    expect(listed.find((k) => k.id === apiKey.id)).toMatchObject({ kind: "SERVICE", owner: null });
    expect(listed.find((k) => k.id === f.apiKeyId)).toMatchObject({ kind: "PERSONAL", owner: { email: f.member.email } });
    expect(listed.every((k) => k.departmentId === f.departmentIds[0])).toBe(true);
    expect(JSON.stringify(listed)).not.toMatch(/"hash"/);

    for (const who of ["member", "finance"] as const) {
      expect(await codeOf(f[who].caller.apiKeys.listForDepartment(inTenant({ departmentId: f.departmentIds[0] })))).toBe("FORBIDDEN");
    }
    expect(await codeOf(f.deptAdmin.caller.apiKeys.listForDepartment(inTenant({ departmentId: f.departmentIds[1] })))).toBe("FORBIDDEN");
    expect(await f.admin.caller.apiKeys.listForDepartment(inTenant({ departmentId: f.departmentIds[1] }))).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "SERVICE" })]),
    );
  });
});

describe("revoking", () => {
  it("a member revokes their own keys but nobody else's", async () => {
    const own = await f.member.caller.apiKeys.createPersonal(inTenant({ name: "to revoke" }));
    const others = await f.deptAdmin.caller.apiKeys.createPersonal(inTenant({ name: "not yours" }));
    const service = await f.owner.caller.apiKeys.createService(inTenant({ departmentId: f.departmentIds[0], name: "svc" }));
    expect(await codeOf(f.member.caller.apiKeys.revoke(inTenant({ apiKeyId: others.apiKey.id })))).toBe("FORBIDDEN");
    expect(await codeOf(f.member.caller.apiKeys.revoke(inTenant({ apiKeyId: service.apiKey.id })))).toBe("FORBIDDEN");
    const revoked = await f.member.caller.apiKeys.revoke(inTenant({ apiKeyId: own.apiKey.id }));
    expect(revoked.status).toBe("revoked");
    const again = await f.member.caller.apiKeys.revoke(inTenant({ apiKeyId: own.apiKey.id }));
    expect(again.revokedAt).toEqual(revoked.revokedAt);
    const audit = await getDb().auditLog.findMany({ where: { targetId: own.apiKey.id, action: "apiKey.revoke" } });
    expect(audit).toHaveLength(1);
  });

  it("department admins revoke their department's keys, personal ones included", async () => {
    const personal = await f.member.caller.apiKeys.createPersonal(inTenant({ name: "member's" }));
    const elsewhere = await f.owner.caller.apiKeys.createService(inTenant({ departmentId: f.departmentIds[1], name: "two" }));
    expect(await codeOf(f.deptAdmin.caller.apiKeys.revoke(inTenant({ apiKeyId: personal.apiKey.id })))).toBe("OK");
    expect(await codeOf(f.deptAdmin.caller.apiKeys.revoke(inTenant({ apiKeyId: elsewhere.apiKey.id })))).toBe("FORBIDDEN");
    expect(await codeOf(f.finance.caller.apiKeys.revoke(inTenant({ apiKeyId: elsewhere.apiKey.id })))).toBe("FORBIDDEN");
    expect(await codeOf(f.admin.caller.apiKeys.revoke(inTenant({ apiKeyId: elsewhere.apiKey.id })))).toBe("OK");
  });

  it("an unknown key is not found", async () => {
    expect(await codeOf(f.owner.caller.apiKeys.revoke(inTenant({ apiKeyId: "00000000-0000-4000-8000-000000000000" })))).toBe("NOT_FOUND");
  });
});

describe("rotating", () => {
  it("issues a new key with the same settings and ends the old one at once", async () => {
    const expiresAt = new Date(Date.now() + 86_400_000);
    const old = await f.member.caller.apiKeys.createPersonal(inTenant({ name: "ci", models: ["qwen"], endpoints: ["completions"], expiresAt }));
    const rotated = await f.member.caller.apiKeys.rotate(inTenant({ apiKeyId: old.apiKey.id }));
    expect(rotated.key).not.toBe(old.key);
    expect(rotated.apiKey).toMatchObject({
      name: "ci",
      kind: "PERSONAL",
      userId: f.member.userId,
      models: ["qwen"],
      endpoints: ["completions"],
      expiresAt,
      rotatedFromId: old.apiKey.id,
    });
    const before = await getDb().apiKey.findUniqueOrThrow({ where: { id: old.apiKey.id } });
    expect(before.revokedAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await codeOf(f.member.caller.apiKeys.rotate(inTenant({ apiKeyId: old.apiKey.id })))).toBe("CONFLICT");
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { targetId: rotated.apiKey.id } });
    expect(audit).toMatchObject({ action: "apiKey.rotate", data: expect.objectContaining({ rotatedFromId: old.apiKey.id, graceSeconds: 0 }) });
  });

  it("can leave the old key working for a grace period", async () => {
    const old = await f.member.caller.apiKeys.createPersonal(inTenant({ name: "graceful" }));
    await f.member.caller.apiKeys.rotate(inTenant({ apiKeyId: old.apiKey.id, graceSeconds: 3600 }));
    const [listed] = (await f.member.caller.apiKeys.listMine(inTenant({}))).filter((k) => k.id === old.apiKey.id);
    expect(listed!.status).toBe("active");
    expect(listed!.endsAt!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it("a personal key by its owner only; a service key by its department's admins", async () => {
    const personal = await f.member.caller.apiKeys.createPersonal(inTenant({ name: "mine" }));
    for (const who of ["owner", "admin", "deptAdmin"] as const) {
      expect(await codeOf(f[who].caller.apiKeys.rotate(inTenant({ apiKeyId: personal.apiKey.id })))).toBe("FORBIDDEN");
    }
    const service = await f.owner.caller.apiKeys.createService(inTenant({ departmentId: f.departmentIds[0], name: "svc" }));
    expect(await codeOf(f.member.caller.apiKeys.rotate(inTenant({ apiKeyId: service.apiKey.id })))).toBe("FORBIDDEN");
    const rotated = await f.deptAdmin.caller.apiKeys.rotate(inTenant({ apiKeyId: service.apiKey.id }));
    expect(rotated.apiKey).toMatchObject({ kind: "SERVICE", departmentId: f.departmentIds[0], userId: null });
  });
});
