import { expect, type Page } from "@playwright/test";
import { BASE_URL } from "./base-url";

export const DEMO_PASSWORD = "demo1234";

// Tests start in Chinese whatever language an earlier test saved on the
// account, so that labels are predictable.
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.context().addCookies([{ name: "locale", value: "zh-CN", url: BASE_URL }]);
  await page.goto("/sign-in");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByTestId("viewer-email")).toHaveText(email);
}
