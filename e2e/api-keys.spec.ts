import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const KEY = /^sk-[0-9A-Za-z]{43}$/;
const rowOf = (page: Page, prefix: string) => page.getByRole("row", { name: new RegExp(prefix) });

async function readNewKey(page: Page): Promise<string> {
  await expect(page.getByTestId("new-key")).toContainText("will not be shown again");
  const key = await page.getByTestId("new-key-value").inputValue();
  expect(key).toMatch(KEY);
  return key;
}

test("a member creates a key, sees it once, finds it by its prefix and revokes it", async ({ page }) => {
  await signIn(page, "member@demo.local");
  await page.getByLabel("语言").selectOption("en");
  await page.goto("/portal/keys");
  await page.getByLabel("Name", { exact: true }).fill("e2e laptop");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  const key = await readNewKey(page);
  const prefix = key.slice(0, 12);
  await expect(rowOf(page, prefix)).toContainText("e2e laptop");
  await expect(rowOf(page, prefix)).toContainText("Active");

  await page.getByRole("button", { name: "I have stored it" }).click();
  await expect(page.getByTestId("new-key")).toHaveCount(0);
  await page.reload();
  await expect(rowOf(page, prefix)).toBeVisible();
  await expect(page.locator("body")).not.toContainText(key);

  page.once("dialog", (dialog) => void dialog.accept());
  await rowOf(page, prefix).getByRole("button", { name: "Revoke" }).click();
  await expect(rowOf(page, prefix)).toContainText("Revoked");
  await expect(rowOf(page, prefix).getByRole("button", { name: "Revoke" })).toHaveCount(0);
});

test("an admin creates and rotates a department's service key and sees its members' keys", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  await page.getByLabel("语言").selectOption("en");
  await page.goto("/admin/keys");
  await page.getByRole("combobox", { name: "Department" }).selectOption({ label: "Customer Support" });
  await expect(page.getByTestId("department-keys-table")).toContainText("member@demo.local");

  await page.getByLabel("Name", { exact: true }).fill("support bot");
  await page.getByRole("checkbox", { name: "chat.completions" }).check();
  await page.getByRole("button", { name: "Create", exact: true }).click();
  const prefix = (await readNewKey(page)).slice(0, 12);
  await expect(rowOf(page, prefix)).toContainText("Service key");
  await expect(rowOf(page, prefix)).toContainText("chat.completions");
  await page.getByRole("button", { name: "I have stored it" }).click();

  page.once("dialog", (dialog) => void dialog.accept());
  await rowOf(page, prefix).getByRole("button", { name: "Rotate" }).click();
  const rotated = (await readNewKey(page)).slice(0, 12);
  expect(rotated).not.toBe(prefix);
  await expect(rowOf(page, prefix)).toContainText("Revoked");
  await expect(rowOf(page, rotated)).toContainText("support bot");
});
