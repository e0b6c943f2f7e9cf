import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a member chats in the playground: the answer streams in with its token counts", async ({ page }) => {
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
});
