import { describe, expect, it } from "vitest";
import { PLATFORM_ROLE_SCOPES, scopesOf } from "@/server/auth/scopes";
import { navFor } from "./nav";

const hrefs = (role: Parameters<typeof scopesOf>[0], platform: (keyof typeof PLATFORM_ROLE_SCOPES)[] = []) =>
  navFor(scopesOf(role), platform.flatMap((p) => [...PLATFORM_ROLE_SCOPES[p]])).flatMap((g) => g.links.map((l) => l.href));

describe("navFor", () => {
  it.each([
    ["MEMBER", [], ["/portal"]],
    ["FINANCE", [], ["/portal", "/finance"]],
    ["ADMIN", [], ["/portal", "/admin/departments", "/admin/members", "/admin/audit"]],
    ["OWNER", [], ["/portal", "/admin/departments", "/admin/members", "/admin/audit", "/finance"]],
    ["OWNER", ["PLATFORM_ADMIN"], ["/portal", "/admin/departments", "/admin/members", "/admin/audit", "/finance", "/platform/tenants"]],
    ["FINANCE", ["PLATFORM_FINANCE"], ["/portal", "/finance"]],
  ] as const)("%s %j", (role, platform, expected) => {
    expect(hrefs(role, [...platform])).toEqual(expected);
  });
});
