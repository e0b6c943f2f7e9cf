import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { callerFor, createTenantFixture, type TenantFixture } from "@/server/trpc/testing/fixtures";
import { authenticate, setUserDisabled, setUserPassword, setUserPlatformRoles } from "./users";
import { hashPassword } from "./password";

let f: TenantFixture;

beforeEach(async () => {
  f = await createTenantFixture("session");
});

describe("sessions end when credentials change", () => {
  it("a disabled user's existing session stops working", async () => {
    expect((await f.member.caller.me.get()).user.email).toBe(f.member.email);
    await setUserDisabled(f.member.email, true);
    await expect(f.member.caller.me.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // Re-enabling does not revive the old session: it was issued for version 1.
    await setUserDisabled(f.member.email, false);
    await expect(f.member.caller.me.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await callerFor(f.member.userId, 3).me.get()).user.email).toBe(f.member.email);
  });

  it("a password change ends sessions issued before it", async () => {
    await setUserPassword(f.admin.email, "a-new-password");
    await expect(f.admin.caller.departments.list({ tenantId: f.tenantId })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("a platform role change ends sessions issued before it", async () => {
    await setUserPlatformRoles(f.owner.email, []);
    await expect(f.owner.caller.tenants.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerFor(f.owner.userId, 2).tenants.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("authenticate", () => {
  it("accepts the right password in any e-mail case and refuses the rest", async () => {
    await getDb().user.update({ where: { id: f.member.userId }, data: { passwordHash: await hashPassword("correct horse") } });
    expect(await authenticate(f.member.email.toUpperCase(), "correct horse")).toMatchObject({ id: f.member.userId, sessionVersion: 1 });
    expect(await authenticate(f.member.email, "wrong")).toBeNull();
    expect(await authenticate("nobody@nowhere.test", "correct horse")).toBeNull();
    await setUserDisabled(f.member.email, true);
    expect(await authenticate(f.member.email, "correct horse")).toBeNull();
  });
});
