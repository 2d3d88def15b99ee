import { expect, test } from "@playwright/test";
import { open, signIn } from "./helpers";

test("a list downloads at once, or is prepared in the background with its progress", async ({ page }, info) => {
  await signIn(page, info, "admin@bazaar.test");
  await open(page, info, "/admin/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();

  // At once: the demo shop's orders of the last 30 days, as CSV.
  await page.getByLabel("List").selectOption("orders");
  const now = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download now" }).click();
  const file = await now;
  expect(file.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);

  // In the background: the page follows it (a plain refresh, script or not) until it can be fetched.
  await open(page, info, "/admin/reports");
  await page.getByLabel("List").selectOption("order_lines");
  await page.getByLabel("JSON").check();
  await page.getByRole("button", { name: "Prepare in the background" }).click();
  await expect(page.getByText("Your report is on its way")).toBeVisible();
  const item = page.getByTestId("reports").locator("li").first();
  await expect(item).toHaveAttribute("data-report", "done", { timeout: 30_000 });
  await expect(item.locator("progress")).toHaveAttribute("value", "100");
  // The file itself: fetched with the page's session (a click would hand it to the browser's downloads).
  const href = await item.getByRole("link", { name: /^Download/ }).getAttribute("href");
  const file2 = await page.request.get(href!);
  expect(file2.status()).toBe(200);
  expect(file2.headers()["content-disposition"]).toMatch(/filename="order_lines-.*\.json"/);
  expect(Array.isArray(await file2.json())).toBe(true);
});
