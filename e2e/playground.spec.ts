import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a member chats in the playground, sees the answer stream in with its token counts, then finds the request in their usage", async ({ page }) => {
  await signIn(page, "member@demo.local");
  await page.getByLabel("语言").selectOption("en");
  await page.getByRole("link", { name: "Playground" }).click();
  await expect(page.getByRole("combobox", { name: "Model" })).toHaveValue("Qwen/Qwen2.5-7B-Instruct");
  await page.getByRole("spinbutton", { name: "Max tokens" }).fill("24");
  await page.getByLabel("Message").fill("你好，请介绍一下你自己。");
  await page.getByRole("button", { name: "Send" }).click();
  const answer = page.getByTestId("turn-assistant").last();
  await expect(answer.locator(".turn-text")).not.toHaveText("", { timeout: 30_000 });
  const stats = answer.getByTestId("turn-stats");
  await expect(stats).toContainText("completion tokens", { timeout: 30_000 });
  await expect(stats).toContainText("24 completion");

  await page.getByRole("link", { name: "My usage" }).click();
  await expect(page).toHaveURL(/\/portal\/usage$/);
  const recent = page.getByTestId("usage-recent");
  const row = recent.locator("tbody tr").first();
  // Usage reaches PostgreSQL a moment after the answer (journal, then batch).
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("chat.completions", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(row.locator("td").nth(4)).toHaveText("24");
});
