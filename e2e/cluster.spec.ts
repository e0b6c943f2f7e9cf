import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a platform admin adds a node by its base URL, sees it listed and disables it", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  await page.getByRole("link", { name: "集群节点" }).click();
  await expect(page).toHaveURL(/\/platform\/nodes$/);
  await expect(page.getByRole("heading", { name: "集群节点" })).toBeVisible();

  const form = page.getByTestId("node-form");
  await form.getByLabel("名称").fill("gpu-e2e");
  await form.getByLabel("基础地址").fill("http://127.0.0.1:9/");
  await form.getByRole("button", { name: "创建" }).click();

  const row = page.getByTestId("nodes-table").getByRole("row", { name: /gpu-e2e/ });
  await expect(row).toContainText("http://127.0.0.1:9");
  await expect(row).toContainText("Qwen/Qwen2.5-7B-Instruct");
  await expect(row).toContainText("已启用");

  await row.getByRole("button", { name: "停用" }).click();
  await expect(row).toContainText("已停用");
  await expect(row.getByRole("button", { name: "启用" })).toBeVisible();
});
