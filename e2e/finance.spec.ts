import { expect, test } from "@playwright/test";
import Papa from "papaparse";
import { signIn } from "./helpers";

// Months as the portal counts them: Shanghai time.
function previousMonth(): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth(); // 0-based: the previous month's 1-based number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, "0")}`;
}

test("a finance user changes the electricity tariff and sees ROI and payback move", async ({ page }) => {
  await signIn(page, "finance@demo.local");
  await page.goto("/finance/roi");
  const roi = page.getByTestId("roi-headline");
  const payback = page.getByTestId("roi-payback");
  await expect(roi).toContainText("%");
  const roiBefore = await roi.textContent();
  const paybackBefore = await payback.textContent();
  const tariff = page.getByTestId("input-tariff");
  await expect(tariff).toHaveValue("1.2");
  await tariff.fill("3.5");
  await expect(roi).not.toHaveText(roiBefore!);
  await expect(payback).not.toHaveText(paybackBefore!);
  // Back to the article's tariff, back to its figures.
  await tariff.fill("1.2");
  await expect(roi).toHaveText(roiBefore!);
  await expect(payback).toHaveText(paybackBefore!);
  await expect(page.getByTestId("tornado-chart")).toBeVisible();
});

test("the overview shows the cluster's month with its chart and how it was computed", async ({ page }) => {
  await signIn(page, "finance@demo.local");
  await page.goto("/finance");
  await page.getByTestId("cluster-overview").getByTestId("month-picker").selectOption(previousMonth());
  await expect(page.getByTestId("kpi-cost")).toHaveText("¥2,483.73");
  await expect(page.getByTestId("overview-alternatives")).toContainText("Tongyi Qianwen API");
  await expect(page.getByTestId("cumulative-chart")).toBeVisible();
  await expect(page.getByTestId("how-computed")).toContainText("成本模型 v1");
  await page.goto("/finance/article");
  await expect(page.getByTestId("published-vs-computed")).toBeVisible();
  await expect(page.locator("tr.differs").first()).toBeVisible();
});

test("the chargeback CSV downloads, parses and sums to the month's cost", async ({ page }) => {
  await signIn(page, "finance@demo.local");
  await page.goto("/finance/chargeback");
  await page.getByTestId("month-picker").selectOption(previousMonth());
  await expect(page.getByTestId("chargeback-total")).toHaveText("¥2,483.73");
  const table = page.getByTestId("chargeback-table");
  await expect(table.locator("tbody tr")).toHaveCount(4);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出 CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`chargeback-${previousMonth()}.csv`);
  const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString("utf8").replace(/^\ufeff/, "");
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data).toHaveLength(4);
  const cents = parsed.data.reduce((s, row) => s + Math.round(Number(row["分摊金额"]) * 100), 0);
  expect(cents).toBe(248373);
  expect(parsed.data.map((r) => r["部门"]).sort()).toEqual(["Analytics", "Customer Support", "Research", "Sales"]);

  // Keeping idle capacity as platform overhead adds its line; the total is unchanged.
  await page.getByTestId("chargeback-idle").selectOption("OVERHEAD");
  await expect(table.locator("tbody tr")).toHaveCount(5);
  await expect(page.getByTestId("chargeback-total")).toHaveText("¥2,483.73");
});

test("a tenant's owner sees its own chargeback only", async ({ page }) => {
  await signIn(page, "admin@acme.local");
  await page.goto("/finance/chargeback");
  await page.getByTestId("month-picker").selectOption(previousMonth());
  const table = page.getByTestId("tenant-chargeback-table");
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await expect(table).toContainText("Research");
  await expect(table).not.toContainText("Customer Support");
  // Cluster-wide pages are for platform finance.
  const response = await page.goto("/finance/roi");
  expect(response?.status()).toBe(403);
});

test("a member cannot open finance pages", async ({ page }) => {
  await signIn(page, "member@demo.local");
  for (const path of ["/finance", "/finance/roi", "/finance/alternatives", "/finance/capacity", "/finance/chargeback", "/finance/article", "/finance/cost-model", "/finance/catalog"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
  }
});
