import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// Other specs may already have sent requests through the playground, so a
// page shows either its empty state (which says what to do) or the usage.
async function expectEmptyOrUsage(page: Page, hint: RegExp) {
  const empty = page.getByTestId("empty-state").first();
  const totals = page.getByTestId("usage-totals");
  await expect(empty.or(totals)).toBeVisible();
  if (await empty.isVisible()) await expect(empty).toContainText(hint);
  else await expect(page.getByTestId("tokens-by-day-chart")).toBeVisible();
}

test("a member opens 我的用量 and is told how to get usage, or sees it", async ({ page }) => {
  await signIn(page, "member@demo.local");
  await page.getByRole("link", { name: "我的用量" }).click();
  await expect(page.getByRole("heading", { name: "我的用量" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "时间范围" })).toHaveValue("30");
  await expectEmptyOrUsage(page, /API 密钥.*对话测试/);
  await page.getByRole("combobox", { name: "时间范围" }).selectOption("7");
  await expectEmptyOrUsage(page, /API 密钥.*对话测试/);
});

test("a member cannot open department usage", async ({ page }) => {
  await signIn(page, "member@demo.local");
  await expect(page.getByRole("link", { name: "部门用量" })).toHaveCount(0);
  const response = await page.goto("/admin/usage");
  expect(response?.status()).toBe(403);
});

test("an admin views department usage, for all departments or one", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  await page.getByRole("link", { name: "部门用量" }).click();
  await expect(page.getByRole("heading", { name: "部门用量" })).toBeVisible();
  const picker = page.getByRole("combobox", { name: "部门" });
  await expect(picker.locator("option").first()).toHaveText("我可查看的全部部门");
  expect(await picker.locator("option").count()).toBeGreaterThan(1);
  await expectEmptyOrUsage(page, /API 密钥/);
  await picker.selectOption({ index: 1 });
  await expectEmptyOrUsage(page, /API 密钥/);
});
