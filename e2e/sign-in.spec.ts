import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// Navigation group labels as rendered in the default language (简体中文).
const ROLES = [
  { email: "admin@demo.local", groups: ["门户", "管理", "财务", "平台"] },
  { email: "finance@demo.local", groups: ["门户", "管理", "财务"] },
  { email: "member@demo.local", groups: ["门户"] },
  { email: "admin@acme.local", groups: ["门户", "管理", "财务"] },
];

test.describe("sign-in and navigation per role", () => {
  for (const role of ROLES) {
    test(`${role.email} sees ${role.groups.join(", ")}`, async ({ page }) => {
      await signIn(page, role.email);
      const groups = await page.locator('nav[aria-label="main"] .group').allTextContents();
      expect(groups).toEqual(role.groups);
    });
  }

  test("a wrong password is refused with a message, and the account still works", async ({ page }) => {
    await page.goto("/sign-in");
    await page.locator('input[name="email"]').fill("member@demo.local");
    await page.locator('input[name="password"]').fill("wrong-password");
    await page.locator('button[type="submit"]').click();
    await expect(page.getByTestId("sign-in-error")).toContainText("邮箱或密码错误");
    await signIn(page, "member@demo.local");
  });

  test("guessing passwords is slowed down with 429, not by locking the account", async ({ page }) => {
    const email = "brute-force-target@demo.local";
    const statuses: number[] = [];
    await page.goto("/sign-in");
    for (let i = 0; i < 11; i++) {
      await page.locator('input[name="email"]').fill(email);
      await page.locator('input[name="password"]').fill(`guess-${i}`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === "/api/auth/callback/credentials"),
        page.locator('button[type="submit"]').click(),
      ]);
      statuses.push(response.status());
      await expect(page.locator('button[type="submit"]')).toBeEnabled();
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    await expect(page.getByTestId("sign-in-error")).toContainText("尝试次数过多");
    await signIn(page, "member@demo.local");
  });

  test("sign-out ends the session", async ({ page }) => {
    await signIn(page, "member@demo.local");
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/portal");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test.describe("access control", () => {
  test("a member cannot open admin or finance pages", async ({ page }) => {
    await signIn(page, "member@demo.local");
    for (const path of ["/admin/departments", "/admin/members", "/admin/audit", "/finance", "/platform/tenants"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByTestId("forbidden")).toBeVisible();
    }
  });

  test("a signed-out visitor is sent to sign in", async ({ page }) => {
    await page.goto("/admin/members");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a tenant admin sees only their own tenant's departments", async ({ page }) => {
    await signIn(page, "admin@acme.local");
    await page.goto("/admin/departments");
    const table = page.getByTestId("departments-table");
    await expect(table).toContainText("Research");
    await expect(table).not.toContainText("Customer Support");
  });
});

test("language switch changes the interface and is remembered", async ({ page }) => {
  await signIn(page, "finance@demo.local");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("欢迎");
  await page.getByLabel("语言").selectOption("en");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
  await page.reload();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
