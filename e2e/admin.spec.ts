import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("an admin creates, renames and archives a department, and the audit log shows it", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  await page.getByLabel("语言").selectOption("en");
  await page.goto("/admin/departments");
  await page.getByLabel("Name").fill("Research Lab");
  await page.getByLabel("Slug").fill("research-lab");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  const row = page.getByRole("row", { name: /research-lab/ });
  await expect(row).toContainText("Research Lab");

  page.once("dialog", (dialog) => void dialog.accept("Research Lab II"));
  await row.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("row", { name: /research-lab/ })).toContainText("Research Lab II");

  await page.getByRole("row", { name: /research-lab/ }).getByRole("button", { name: "Archive" }).click();
  await expect(page.getByRole("row", { name: /research-lab/ })).toHaveCount(0);
  await page.getByLabel("Show archived").check();
  await expect(page.getByRole("row", { name: /research-lab/ })).toContainText("Archived");

  await page.goto("/admin/audit");
  const audit = page.getByTestId("audit-table");
  for (const action of ["department.create", "department.rename", "department.archive"]) {
    await expect(audit).toContainText(action);
  }
  await page.getByLabel("Action").fill("department.rename");
  await page.getByRole("button", { name: "OK" }).click();
  await expect(audit.locator("tbody tr")).toHaveCount(1);
});

test("an admin adds a member who can then sign in with the one-time password", async ({ page, browser }) => {
  await signIn(page, "admin@demo.local");
  await page.getByLabel("语言").selectOption("en");
  await page.goto("/admin/members");
  await page.getByLabel("E-mail").fill("new.analyst@demo.local");
  await page.getByLabel("Name", { exact: true }).fill("New Analyst");
  await page.getByRole("combobox", { name: "Role", exact: true }).selectOption("MEMBER");
  await page.getByRole("combobox", { name: "Home department", exact: true }).selectOption({ label: "Analytics" });
  await page.getByRole("button", { name: "Create", exact: true }).click();
  const notice = page.getByTestId("member-added");
  await expect(notice).toContainText("one-time password");
  const password = (await notice.textContent())!.match(/password is (\S+):/)![1]!;
  await expect(page.getByTestId("members-table")).toContainText("new.analyst@demo.local");

  const other = await browser.newContext();
  const newcomer = await other.newPage();
  await signIn(newcomer, "new.analyst@demo.local", password);
  await expect(newcomer.getByTestId("tenant-role")).toHaveText("成员");
  await other.close();
});

test("the members table sorts and exports CSV", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  await page.getByLabel("语言").selectOption("en");
  await page.goto("/admin/members");
  const table = page.getByTestId("members-table");
  await table.getByRole("button", { name: "E-mail" }).click();
  const emails = await table.locator("tbody tr td:first-child").allTextContents();
  expect(emails).toEqual([...emails].sort());
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString("utf8").replace(/^\ufeff/, "");
  expect(text.split("\r\n")[0]).toBe("E-mail,Name,Role,Home department,Administers,Status");
  expect(text).toContain("member@demo.local");
});
