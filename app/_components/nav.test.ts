import { describe, expect, it } from "vitest";
import { PLATFORM_ROLE_SCOPES, scopesOf } from "@/server/auth/scopes";
import { navFor } from "./nav";

type Role = Parameters<typeof scopesOf>[0];
type Platform = keyof typeof PLATFORM_ROLE_SCOPES;

const hrefs = (role: Role, platform: Platform[] = [], departmentAdmin = false) =>
  navFor({ scopes: scopesOf(role), platformScopes: platform.flatMap((p) => [...PLATFORM_ROLE_SCOPES[p]]), departmentAdmin }).flatMap((g) =>
    g.links.map((l) => l.href),
  );

const PORTAL = ["/portal", "/portal/playground", "/portal/keys", "/portal/usage"];
const TENANT_FINANCE = ["/finance", "/finance/chargeback"];
const PLATFORM_FINANCE = [
  "/finance",
  "/finance/roi",
  "/finance/alternatives",
  "/finance/capacity",
  "/finance/chargeback",
  "/finance/article",
  "/finance/cost-model",
  "/finance/catalog",
];

describe("navFor", () => {
  it.each([
    ["MEMBER", [], false, PORTAL],
    ["MEMBER", [], true, [...PORTAL, "/admin/keys", "/admin/usage", "/admin/quotas"]],
    ["FINANCE", [], false, [...PORTAL, "/admin/usage", "/admin/quotas", ...TENANT_FINANCE]],
    ["ADMIN", [], false, [...PORTAL, "/admin/departments", "/admin/members", "/admin/keys", "/admin/usage", "/admin/quotas", "/admin/audit"]],
    ["OWNER", [], false, [...PORTAL, "/admin/departments", "/admin/members", "/admin/keys", "/admin/usage", "/admin/quotas", "/admin/audit", ...TENANT_FINANCE]],
    [
      "OWNER",
      ["PLATFORM_ADMIN"],
      false,
      [...PORTAL, "/admin/departments", "/admin/members", "/admin/keys", "/admin/usage", "/admin/quotas", "/admin/audit", ...PLATFORM_FINANCE, "/platform/nodes", "/platform/tenants"],
    ],
    ["FINANCE", ["PLATFORM_FINANCE"], false, [...PORTAL, "/admin/usage", "/admin/quotas", ...PLATFORM_FINANCE]],
  ] as const)("%s %j department admin %s", (role, platform, departmentAdmin, expected) => {
    expect(hrefs(role, [...platform], departmentAdmin)).toEqual(expected);
  });
});
