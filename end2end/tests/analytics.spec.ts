import { expect, test } from "@playwright/test";
import { jsOn, open, settled, signIn, signUpWithAddress } from "./helpers";

test("the back office dashboard draws its charts in light and dark, and keeps its tables", async ({ page }, info) => {
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await signIn(page, info, "admin@bazaar.test");
  await open(page, info, "/admin?range=90d");
  await expect(page.getByRole("heading", { level: 1, name: "Back office" })).toBeVisible();
  // The demo shop's six months of orders are in the figures.
  await expect(page.locator('[data-figure="orders"]')).not.toHaveText("0");
  await expect(page.getByTestId("dashboard-period")).toContainText("compared with");

  if (!jsOn(info)) {
    // Without JavaScript the data is there as tables.
    await expect(page.getByTestId("revenue-table")).toBeVisible();
    await expect(page.getByTestId("top-products")).toBeVisible();
    await expect(page.getByTestId("orders-by-status")).toBeVisible();
    await expect(page.getByTestId("by-shop")).toBeVisible();
    await expect(page.getByTestId("funnel-table")).toBeVisible();
    await expect(page.locator("[data-chart] canvas")).toHaveCount(0);
    return;
  }
  // Revenue, orders, best sellers, statuses, — every shop at once — revenue by shop, and the funnel.
  await expect(page.locator("body[data-charts-drawn='6']")).toHaveCount(1);
  await expect(page.locator("[data-chart] canvas")).toHaveCount(6);
  await expect(page.getByRole("img", { name: /^Revenue of every shop/ })).toBeVisible();
  // The tables fold away under "Show as table", and open again.
  await expect(page.getByTestId("top-products")).toBeHidden();
  await page.getByText("Show as table").nth(2).click();
  await expect(page.getByTestId("top-products")).toBeVisible();

  // Dark: the charts are drawn again in the dark theme.
  const html = page.locator("html");
  for (let i = 0; i < 3 && !(await html.getAttribute("class"))?.includes("dark"); i++) {
    await page.getByTestId("theme-toggle").click();
  }
  await expect(html).toHaveClass(/dark/);
  await expect(page.locator("[data-chart] canvas")).toHaveCount(6);
  expect(errors).toEqual([]);
});

test("the customers view shows cohorts and skin types, and draws its charts", async ({ page }, info) => {
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await signIn(page, info, "admin@bazaar.test");
  await open(page, info, "/admin?range=90d");
  await page.getByRole("navigation", { name: "Figures" }).getByRole("link", { name: "Customers" }).click();
  await settled(page, info);
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Customers", exact: true })).toHaveAttribute("aria-current", "page");
  // The demo shop's customers: some came back, each month's cohort is there.
  await expect(page.locator('[data-figure="returning-customers"]')).not.toHaveText("0");
  await expect(page.getByTestId("cohorts").locator("tbody tr")).toHaveCount(12);
  if (!jsOn(info)) {
    await expect(page.getByTestId("customers-table")).toBeVisible();
    await expect(page.getByTestId("segments-table")).toBeVisible();
    return;
  }
  await expect(page.locator("body[data-charts-drawn='2']")).toHaveCount(1);
  await expect(page.locator("[data-chart] canvas")).toHaveCount(2);
  await expect(page.getByRole("img", { name: /^Customers of every shop/ })).toBeVisible();
  expect(errors).toEqual([]);
});

for (const [view, heading, tables] of [
  ["Inventory", "Inventory", ["low-stock-table", "no-sales-table", "top-products"]],
  ["Finance", "Finance", ["months-table", "category-breakdown", "product-breakdown", "payouts"]],
  ["Traffic", "Traffic", ["traffic-table", "funnel-table", "top-pages", "referrers", "no-result-searches"]],
] as const) {
  test(`the ${view.toLowerCase()} view draws its charts and keeps its tables`, async ({ page }, info) => {
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    await signIn(page, info, "admin@bazaar.test");
    await open(page, info, "/admin");
    await page.getByRole("navigation", { name: "Figures" }).getByRole("link", { name: view }).click();
    await settled(page, info);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    for (const table of tables) await expect(page.getByTestId(table)).toBeAttached();
    if (jsOn(info)) {
      await expect(page.locator("body[data-charts-drawn='2']")).toHaveCount(1);
      await expect(page.locator("[data-chart] canvas")).toHaveCount(2);
    } else {
      await expect(page.getByTestId(tables[0])).toBeVisible();
    }
    expect(errors).toEqual([]);
  });
}

test("a range the dashboard cannot read is explained next to its field", async ({ page }, info) => {
  await signIn(page, info, "admin@bazaar.test");
  await open(page, info, "/admin?range=custom&from=2026-02-01&to=2026-01-01");
  await expect(page.getByText("The last day comes before the first.")).toBeVisible();
  await expect(page.getByLabel("To (custom)")).toHaveAttribute("aria-invalid", "true");
});

test("an order placed in another browser moves today's revenue on the open dashboard", async ({ page, browser }, info) => {
  test.skip(!jsOn(info), "live figures need JavaScript; without it a reload shows them");
  await signIn(page, info, "admin@bazaar.test");
  await open(page, info, "/admin?range=today");
  const revenue = page.locator('[data-figure="revenue"]');
  const before = await revenue.innerText();

  const context = await browser.newContext();
  const shopper = await context.newPage();
  await signUpWithAddress(shopper, info, "Dana Dash", `dash-${Date.now()}@example.com`, ["4 Elm Row", "Leeds", "LS1 4AP"]);
  await open(shopper, info, "/shops/dewdrop-botanics");
  await shopper.getByRole("button", { name: /^Add .+ to cart$/ }).first().click();
  await settled(shopper, info);
  await open(shopper, info, "/checkout");
  await shopper.getByLabel("Cash on delivery").check();
  await shopper.getByRole("button", { name: /^Place order/ }).click();
  await settled(shopper, info);
  await expect(shopper.getByTestId("order-row")).toHaveCount(1);
  await context.close();

  // No reload: the dashboard hears of the sale and reads its figures again.
  await expect(revenue).not.toHaveText(before, { timeout: 15_000 });
});
