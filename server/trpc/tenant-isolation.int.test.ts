import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { createTenantFixture, type TenantFixture } from "./testing/fixtures";
import { callProcedure, codeOf, listProcedures, sampleValue } from "./testing/procedures";

// Every id a procedure may take, mapped to the other tenant's row of that
// kind. A procedure with an id field missing here fails the test until the
// field is added, so no new procedure escapes this check.
const FOREIGN_ID: Record<string, (b: TenantFixture) => unknown> = {
  departmentId: (b) => b.departmentIds[0],
  homeDepartmentId: (b) => b.departmentIds[0],
  membershipId: (b) => b.member.membershipId,
  adminOfDepartmentIds: (b) => [b.departmentIds[0]],
  apiKeyId: (b) => b.apiKeyId,
  quotaId: (b) => b.quotaId,
  userId: (b) => b.member.userId,
};
const isIdField = (name: string) => /Ids?$/.test(name) && name !== "tenantId";

let a: TenantFixture;
let b: TenantFixture;

async function snapshotOf(tenantId: string) {
  const db = getDb();
  return {
    tenant: await db.tenant.findUnique({ where: { id: tenantId } }),
    departments: await db.department.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    memberships: await db.membership.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    departmentAdmins: await db.departmentAdmin.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    audit: await db.auditLog.count({ where: { tenantId } }),
    apiKeys: await db.apiKey.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    quotas: await db.quota.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
  };
}

// Ids are taken from the rows of `idsOf`: tenant B's to attack, tenant A's
// own so that a query which needs a real row of its tenant can run at all.
function inputFor(shape: Record<string, Parameters<typeof sampleValue>[0]>, tenantId: string, idsOf: TenantFixture) {
  return Object.fromEntries(
    Object.entries(shape).map(([name, schema]) => {
      if (name === "tenantId") return [name, tenantId];
      if (isIdField(name)) {
        const rowOf = FOREIGN_ID[name];
        if (!rowOf) throw new Error(`tenant-isolation: add "${name}" to FOREIGN_ID`);
        return [name, rowOf(idsOf)];
      }
      return [name, sampleValue(schema)];
    }),
  );
}

const tenantProcedures = listProcedures().filter((p) => p.shape && "tenantId" in p.shape);

beforeAll(async () => {
  a = await createTenantFixture("a");
  b = await createTenantFixture("b");
});

describe("tenant isolation", () => {
  it("covers the tenant procedures of the router", () => {
    expect(tenantProcedures.map((p) => p.path)).toEqual(
      expect.arrayContaining(["departments.list", "departments.create", "members.add", "members.setDepartments", "audit.list"]),
    );
  });

  it.each(tenantProcedures.map((p) => [p.path, p] as const))("%s refuses tenant B's id to tenant A's owner", async (_path, p) => {
    const before = await snapshotOf(b.tenantId);
    const code = await codeOf(callProcedure(a.owner.caller, p.path, inputFor(p.shape!, b.tenantId, b)));
    expect(code).toBe("FORBIDDEN");
    expect(await snapshotOf(b.tenantId)).toEqual(before);
  });

  const withIds = tenantProcedures.filter((p) => Object.keys(p.shape!).some(isIdField));
  it.each(withIds.map((p) => [p.path, p] as const))("%s refuses tenant B's rows inside tenant A", async (_path, p) => {
    const before = await snapshotOf(b.tenantId);
    const code = await codeOf(callProcedure(a.owner.caller, p.path, inputFor(p.shape!, a.tenantId, b)));
    expect(["NOT_FOUND", "FORBIDDEN"]).toContain(code);
    expect(await snapshotOf(b.tenantId)).toEqual(before);
  });

  const queries = tenantProcedures.filter((p) => p.type === "query");
  it.each(queries.map((p) => [p.path, p] as const))("%s in tenant A returns nothing of tenant B", async (_path, p) => {
    const result = await callProcedure(a.owner.caller, p.path, inputFor(p.shape!, a.tenantId, a));
    const text = JSON.stringify(result, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    for (const id of [b.tenantId, ...b.departmentIds, b.member.membershipId, b.member.userId, b.owner.userId, b.apiKeyId, b.quotaId]) {
      expect(text).not.toContain(id);
    }
  });
});
