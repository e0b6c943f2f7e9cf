import { beforeAll, describe, expect, it } from "vitest";
import { createTenantFixture, type TenantFixture } from "./testing/fixtures";
import { callProcedure, listProcedures } from "./testing/procedures";

let f: TenantFixture;
const withInput = listProcedures().filter((p) => p.shape);

beforeAll(async () => {
  f = await createTenantFixture("input");
});

// The caller is an owner and platform admin, so only the input can fail.
describe("bad input is a zod error, never a 500", () => {
  it.each(withInput.map((p) => [p.path]))("%s rejects a non-object", async (path) => {
    await expect(callProcedure(f.owner.caller, path, 42)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it.each(withInput.map((p) => [p.path, p] as const))("%s rejects each field of the wrong type", async (_path, p) => {
    for (const field of Object.keys(p.shape!)) {
      const input = { tenantId: f.tenantId, [field]: { not: "valid" } };
      const error = await callProcedure(f.owner.caller, p.path, input).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, `${p.path}.${field}`).toMatchObject({ code: "BAD_REQUEST" });
      expect((error as { cause?: { name?: string } }).cause?.name, `${p.path}.${field}`).toBe("ZodError");
    }
  });

  it("rejects a malformed slug, e-mail and unknown time zone with field errors", async () => {
    await expect(f.owner.caller.departments.create({ tenantId: f.tenantId, slug: "Bad Slug!", name: "x" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(f.owner.caller.members.add({ tenantId: f.tenantId, email: "not-an-email", name: "x", role: "MEMBER" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(f.owner.caller.tenants.create({ slug: "ok-slug", name: "x", timezone: "Mars/Olympus" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
