import { beforeAll, describe, expect, it } from "vitest";
import { createNode } from "@/server/cluster";
import { ARTICLE_SCENARIO } from "@/server/economics";
import { createCatalogEntry, monthOf, saveScenario } from "@/server/finance";
import { anonymousCaller, createTenantFixture, type TenantFixture } from "./testing/fixtures";
import { callProcedure, codeOf } from "./testing/procedures";

type Who = "owner" | "admin" | "finance" | "member" | "deptAdmin";
const EVERYONE: Who[] = ["owner", "admin", "finance", "member", "deptAdmin"];

let f: TenantFixture;
let nodeId: string;
let seq = 0;
const serviceKeyIds: string[] = [];
const scenarioIds: string[] = [];
let catalogEntryId: string;
const unique = () => `x${++seq}-${Date.now().toString(36)}`;

// Written out by hand rather than derived from the scope table, so that a
// change to the table shows up here as a failing expectation.
const MATRIX: { path: string; input: () => object; allowed: Who[] }[] = [
  { path: "me.get", input: () => ({}), allowed: EVERYONE },
  { path: "departments.list", input: () => ({ tenantId: f.tenantId }), allowed: EVERYONE },
  { path: "departments.create", input: () => ({ tenantId: f.tenantId, slug: unique(), name: "New" }), allowed: ["owner", "admin"] },
  { path: "departments.rename", input: () => ({ tenantId: f.tenantId, departmentId: f.departmentIds[1], name: unique() }), allowed: ["owner", "admin"] },
  { path: "departments.archive", input: () => ({ tenantId: f.tenantId, departmentId: f.departmentIds[1], archived: false }), allowed: ["owner", "admin"] },
  { path: "members.list", input: () => ({ tenantId: f.tenantId }), allowed: ["owner", "admin", "finance"] },
  { path: "members.add", input: () => ({ tenantId: f.tenantId, email: `${unique()}@example.com`, name: "N", role: "MEMBER" }), allowed: ["owner", "admin"] },
  { path: "members.changeRole", input: () => ({ tenantId: f.tenantId, membershipId: f.member.membershipId, role: "MEMBER" }), allowed: ["owner", "admin"] },
  { path: "members.setDisabled", input: () => ({ tenantId: f.tenantId, membershipId: f.member.membershipId, disabled: false }), allowed: ["owner", "admin"] },
  {
    path: "members.setDepartments",
    input: () => ({ tenantId: f.tenantId, membershipId: f.member.membershipId, homeDepartmentId: f.departmentIds[0], adminOfDepartmentIds: [] }),
    allowed: ["owner", "admin"],
  },
  { path: "audit.list", input: () => ({ tenantId: f.tenantId }), allowed: ["owner", "admin"] },
  { path: "usage.mine", input: () => ({ tenantId: f.tenantId, days: 7 }), allowed: EVERYONE },
  { path: "usage.myRecent", input: () => ({ tenantId: f.tenantId }), allowed: EVERYONE },
  { path: "usage.departments", input: () => ({ tenantId: f.tenantId }), allowed: ["owner", "admin", "finance", "deptAdmin"] },
  { path: "usage.department", input: () => ({ tenantId: f.tenantId, departmentId: f.departmentIds[0] }), allowed: ["owner", "admin", "finance", "deptAdmin"] },
  // Without a department: all those the caller may see.
  { path: "usage.department", input: () => ({ tenantId: f.tenantId }), allowed: ["owner", "admin", "finance", "deptAdmin"] },
  { path: "usage.tenant", input: () => ({ tenantId: f.tenantId }), allowed: ["owner", "admin", "finance"] },
  { path: "apiKeys.listMine", input: () => ({ tenantId: f.tenantId }), allowed: EVERYONE },
  // Personal keys live in the owner's home department; the fixture gives one
  // to the member and the department admin only.
  { path: "apiKeys.createPersonal", input: () => ({ tenantId: f.tenantId, name: unique() }), allowed: ["member", "deptAdmin"] },
  { path: "apiKeys.listForDepartment", input: () => ({ tenantId: f.tenantId, departmentId: f.departmentIds[0] }), allowed: ["owner", "admin", "deptAdmin"] },
  { path: "apiKeys.createService", input: () => ({ tenantId: f.tenantId, departmentId: f.departmentIds[0], name: unique() }), allowed: ["owner", "admin", "deptAdmin"] },
  // The member's own key; revoking it again changes nothing but is still allowed.
  { path: "apiKeys.revoke", input: () => ({ tenantId: f.tenantId, apiKeyId: f.apiKeyId }), allowed: ["owner", "admin", "member", "deptAdmin"] },
  // A rotated key cannot be rotated again: each call takes a fresh service key.
  { path: "apiKeys.rotate", input: () => ({ tenantId: f.tenantId, apiKeyId: serviceKeyIds.pop() }), allowed: ["owner", "admin", "deptAdmin"] },
  // Quotas: department admins for the departments they run (the fixture's quota is on the second).
  { path: "quotas.list", input: () => ({ tenantId: f.tenantId }), allowed: ["owner", "admin", "finance", "deptAdmin"] },
  { path: "quotas.list", input: () => ({ tenantId: f.tenantId, departmentId: f.departmentIds[0] }), allowed: ["owner", "admin", "finance", "deptAdmin"] },
  { path: "quotas.set", input: () => ({ tenantId: f.tenantId, departmentId: f.departmentIds[0], tokenLimit: 1_000_000 }), allowed: ["owner", "admin", "deptAdmin"] },
  { path: "quotas.set", input: () => ({ tenantId: f.tenantId, departmentId: f.departmentIds[1], tokenLimit: 1_000_000 }), allowed: ["owner", "admin"] },
  { path: "quotas.burnDown", input: () => ({ tenantId: f.tenantId, quotaId: f.quotaId }), allowed: ["owner", "admin", "finance"] },
  { path: "quotas.history", input: () => ({ tenantId: f.tenantId, quotaId: f.quotaId }), allowed: ["owner", "admin", "finance"] },
  { path: "quotas.history", input: () => ({ tenantId: f.tenantId }), allowed: ["owner", "admin", "finance", "deptAdmin"] },
  { path: "quotas.alerts", input: () => ({ tenantId: f.tenantId }), allowed: ["owner", "admin", "finance", "deptAdmin"] },
  { path: "quotas.mine", input: () => ({ tenantId: f.tenantId }), allowed: EVERYONE },
  { path: "quotas.alertChannel", input: () => ({ tenantId: f.tenantId }), allowed: ["owner", "admin"] },
  { path: "quotas.setAlertChannel", input: () => ({ tenantId: f.tenantId, webhookUrl: null, emails: [] }), allowed: ["owner", "admin"] },
  { path: "quotas.rates", input: () => ({}), allowed: ["owner", "finance"] },
  { path: "quotas.setRate", input: () => ({ inputPerMillion: "2", outputPerMillion: "8" }), allowed: ["owner", "finance"] },
  // Platform scopes: the fixture's owner is PLATFORM_ADMIN, its finance user PLATFORM_FINANCE.
  { path: "tenants.list", input: () => ({}), allowed: ["owner"] },
  { path: "tenants.create", input: () => ({ slug: unique(), name: "T" }), allowed: ["owner"] },
  { path: "cluster.list", input: () => ({}), allowed: ["owner"] },
  { path: "cluster.create", input: () => ({ name: unique(), baseUrl: "http://127.0.0.1:9", model: "m" }), allowed: ["owner"] },
  { path: "cluster.update", input: () => ({ nodeId, weight: 2 }), allowed: ["owner"] },
  { path: "cluster.setEnabled", input: () => ({ nodeId, enabled: true }), allowed: ["owner"] },
  { path: "cluster.samples", input: () => ({ nodeId }), allowed: ["owner"] },
  // Finance: the cluster's figures for platform finance and admins, a tenant's share for its finance role.
  { path: "finance.overview", input: () => ({}), allowed: ["owner", "finance"] },
  { path: "finance.alternatives", input: () => ({}), allowed: ["owner", "finance"] },
  { path: "finance.chargeback", input: () => ({ idle: "OVERHEAD" }), allowed: ["owner", "finance"] },
  { path: "finance.roiBase", input: () => ({}), allowed: ["owner", "finance"] },
  { path: "finance.scenarios.list", input: () => ({}), allowed: ["owner", "finance"] },
  { path: "finance.scenarios.save", input: () => ({ name: unique(), inputs: ARTICLE_SCENARIO }), allowed: ["owner", "finance"] },
  { path: "finance.scenarios.delete", input: () => ({ scenarioId: scenarioIds.pop() }), allowed: ["owner", "finance"] },
  { path: "finance.costModel.list", input: () => ({}), allowed: ["owner", "finance"] },
  {
    path: "finance.costModel.create",
    input: () => ({ name: unique(), effectiveMonth: monthOf(new Date()), inServiceMonth: "2026-01", inputs: ARTICLE_SCENARIO }),
    allowed: ["owner", "finance"],
  },
  { path: "finance.catalog.list", input: () => ({}), allowed: ["owner", "finance"] },
  {
    path: "finance.catalog.create",
    input: () => ({ kind: "CLOUD", name: unique(), price: "1", per: "hour", effectiveFrom: "2026-01-01", source: "test" }),
    allowed: ["owner", "finance"],
  },
  { path: "finance.catalog.retire", input: () => ({ entryId: catalogEntryId, effectiveTo: "2099-01-01" }), allowed: ["owner", "finance"] },
  { path: "finance.tenantOverview", input: () => ({ tenantId: f.tenantId }), allowed: ["owner", "finance"] },
  { path: "finance.tenantChargeback", input: () => ({ tenantId: f.tenantId }), allowed: ["owner", "finance"] },
];

const outcome = (who: Who, path: string, input: object) => codeOf(callProcedure(f[who].caller, path, input));

beforeAll(async () => {
  f = await createTenantFixture("roles");
  nodeId = (await createNode(null, { name: "roles-node", baseUrl: "http://127.0.0.1:9", model: "m" })).id;
  for (let i = 0; i < 10; i++) {
    const { apiKey } = await f.owner.caller.apiKeys.createService({ tenantId: f.tenantId, departmentId: f.departmentIds[0], name: `rotate ${i}` });
    serviceKeyIds.push(apiKey.id);
  }
  for (let i = 0; i < 10; i++) scenarioIds.push((await saveScenario(null, { name: `roles ${i}`, inputs: ARTICLE_SCENARIO })).id);
  catalogEntryId = (await createCatalogEntry(null, { kind: "CLOUD", name: "roles box", price: "1", per: "hour", effectiveFrom: "2026-01-01", source: "test" })).id;
});

describe("role matrix", () => {
  for (const row of MATRIX) {
    it.each(EVERYONE)(`${row.path} as %s`, async (who) => {
      expect(await outcome(who, row.path, row.input())).toBe(row.allowed.includes(who) ? "OK" : "FORBIDDEN");
    });
  }

  it.each(MATRIX.map((r) => r.path))("%s refuses an anonymous caller", async (path) => {
    const row = MATRIX.find((r) => r.path === path)!;
    await expect(callProcedure(anonymousCaller(), path, row.input())).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("role rules inside a tenant", () => {
  it("an admin cannot make anyone an owner; an owner can", async () => {
    const input = { tenantId: f.tenantId, membershipId: f.member.membershipId, role: "OWNER" };
    expect(await outcome("admin", "members.changeRole", input)).toBe("FORBIDDEN");
    expect(await outcome("owner", "members.changeRole", input)).toBe("OK");
    expect(await outcome("owner", "members.changeRole", { ...input, role: "MEMBER" })).toBe("OK");
  });

  it("the last active owner cannot be demoted or disabled", async () => {
    const solo = await createTenantFixture("solo");
    const self = { tenantId: solo.tenantId, membershipId: solo.owner.membershipId };
    await expect(solo.owner.caller.members.changeRole({ ...self, role: "ADMIN" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(solo.admin.caller.members.setDisabled({ ...self, disabled: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("nobody can disable themselves", async () => {
    await expect(
      f.admin.caller.members.setDisabled({ tenantId: f.tenantId, membershipId: f.admin.membershipId, disabled: true }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("a disabled membership shuts the user out of the tenant at once", async () => {
    const g = await createTenantFixture("dis");
    expect(await g.member.caller.departments.list({ tenantId: g.tenantId })).toHaveLength(2);
    await g.admin.caller.members.setDisabled({ tenantId: g.tenantId, membershipId: g.member.membershipId, disabled: true });
    await expect(g.member.caller.departments.list({ tenantId: g.tenantId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await g.member.caller.me.get()).tenants).toEqual([]);
  });

  it("a department admin reads the usage of the departments they run only", async () => {
    const caller = f.deptAdmin.caller;
    expect((await caller.usage.departments({ tenantId: f.tenantId })).map((d) => d.id)).toEqual([f.departmentIds[0]]);
    await expect(caller.usage.department({ tenantId: f.tenantId, departmentId: f.departmentIds[1] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await caller.usage.department({ tenantId: f.tenantId })).byDepartment).toEqual([]);
  });

  it("a role change takes effect on the next call", async () => {
    const g = await createTenantFixture("promo");
    await expect(g.member.caller.members.list({ tenantId: g.tenantId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await g.owner.caller.members.changeRole({ tenantId: g.tenantId, membershipId: g.member.membershipId, role: "ADMIN" });
    expect(await g.member.caller.members.list({ tenantId: g.tenantId })).toHaveLength(5);
  });
});
