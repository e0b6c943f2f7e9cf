import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// The Acme tenant, so that the demo tenant's playground and usage specs are
// never limited by this quota.
const ADMIN = "admin@acme.local";
const MEMBER = "member@acme.local";

async function openQuotas(page: Page) {
  await page.getByLabel("语言").selectOption("en");
  await page.getByRole("link", { name: "Quotas" }).click();
  await expect(page.getByRole("heading", { name: "Quotas and rate limits" })).toBeVisible();
}

async function setTokenLimit(page: Page, limit: string) {
  const form = page.getByTestId("quota-form");
  await form.locator('select[name="departmentId"]').selectOption({ label: "Research" });
  await form.locator('select[name="scope"]').selectOption("DEPARTMENT");
  await form.locator('select[name="period"]').selectOption("MONTH");
  await form.locator('input[name="tokenLimit"]').fill(limit);
  await form.getByRole("button", { name: "Save quota" }).click();
  await expect(form.getByRole("status")).toHaveText(/Quota saved/);
}

test("an admin sets a department token quota; the member's playground is refused once it is used up; the burn-down chart shows the use", async ({ browser }) => {
  const admin = await browser.newPage();
  await signIn(admin, ADMIN);
  await openQuotas(admin);
  // First a generous budget, to learn what the department used this month so
  // far; then a budget with room for one playground answer only.
  await setTokenLimit(admin, "1000000000");
  const row = admin.getByTestId("quota-row").filter({ hasText: "Research" });
  await expect(row).toHaveCount(1);
  const used = Number(await row.getByTestId("quota-used").getAttribute("data-used"));
  await setTokenLimit(admin, String(used + 300));
  await expect(row.getByTestId("quota-remaining")).toContainText("300");

  const member = await browser.newPage();
  await signIn(member, MEMBER);
  await member.getByLabel("语言").selectOption("en");
  await member.getByRole("link", { name: "Playground" }).click();
  await expect(member.getByTestId("remaining-budget")).toContainText("300");
  await member.getByRole("spinbutton", { name: "Max tokens" }).fill("200");
  await member.getByLabel("Message").fill("Hello!");
  await member.getByRole("button", { name: "Send" }).click();
  await expect(member.getByTestId("turn-assistant").last().getByTestId("turn-stats")).toContainText("completion tokens", { timeout: 30_000 });
  // What is left cannot hold another answer of up to 200 tokens: refused
  // before it reaches the cluster, with a message that says why.
  await expect(async () => {
    await member.getByLabel("Message").fill("And again?");
    await member.getByRole("button", { name: "Send" }).click();
    await expect(member.getByTestId("playground-error")).toContainText("exceeded your current quota", { timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
  await expect(member.getByTestId("playground-error")).toContainText("Lower max_tokens, or wait until the budget resets");

  // The admin sees the use on the burn-down chart, with its forecast.
  await admin.reload();
  await admin.getByTestId("quota-row").filter({ hasText: "Research" }).click();
  const chart = admin.getByTestId("burn-down-chart");
  await expect(chart).toBeVisible();
  await expect(chart.locator(".recharts-line path").first()).toBeVisible();
  await expect(admin.getByTestId("burn-down-forecast")).toHaveText(/At this rate/);
  await expect(admin.getByTestId("quota-history")).toContainText("quota.update");

  // Leave the tenant as it was.
  admin.on("dialog", (d) => void d.accept());
  await admin.getByTestId("quota-row").filter({ hasText: "Research" }).getByRole("button", { name: "Remove" }).click();
  await expect(admin.getByTestId("quota-row")).toHaveCount(0);
});
