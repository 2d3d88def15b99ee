import { expect, test } from "@playwright/test";
import { open, settled } from "./helpers";

test("home → products → page 2 → product detail", async ({ page }, info) => {
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

  await open(page, info, "/");
  await expect(page).toHaveTitle(/Bazaar/);
  await expect(page.getByRole("heading", { name: "Featured this week" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Shop all" }).click();
  await settled(page, info);
  await expect(page).toHaveURL(/\/products$/);
  await expect(page.getByRole("heading", { level: 1, name: "All products" })).toBeVisible();
  await expect(page.getByTestId("result-count")).toContainText("page 1 of");

  await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: /Next/ }).click();
  await settled(page, info);
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId("result-count")).toContainText("page 2 of");
  await expect(page).toHaveTitle(/page 2/);

  const firstCard = page.locator("main article h3 a").first();
  const name = (await firstCard.textContent())!.trim();
  await firstCard.click();
  await settled(page, info);
  await expect(page).toHaveURL(/\/products\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByTestId("stock-state")).toBeVisible();
  await expect(page.getByRole("complementary", { name: "About the shop" })).toBeVisible();
  const img = page.locator("main img").first();
  await expect(img).toHaveAttribute("alt", /.+/);

  expect(errors, errors.join("\n")).toEqual([]);
});

test("sort and category filter", async ({ page }, info) => {
  await open(page, info, "/products");
  await page.getByLabel("Sort by").selectOption("price_asc");
  if (info.project.name === "js-off") {
    await page.getByRole("button", { name: "Apply", exact: true }).click();
  }
  await settled(page, info);
  await expect(page).toHaveURL(/sort=price_asc/);
  const prices = await page.locator("main article p.flex > span.font-semibold").allTextContents();
  const values = prices.map((p) => Number(p.replace(/[^0-9.]/g, "")));
  expect(values.length).toBeGreaterThan(4);
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("navigation", { name: "Categories" }).first().getByRole("link", { name: /^Roses/ }).click();
  await settled(page, info);
  await expect(page).toHaveURL(/category=roses/);
  await expect(page).toHaveURL(/sort=price_asc/);
  await expect(page.getByRole("heading", { level: 1, name: "Roses" })).toBeVisible();
  const shops = await page.locator("main article p.card-shop").allTextContents();
  expect(shops.length).toBeGreaterThan(0);
});

test("category page lists subcategories", async ({ page }, info) => {
  await open(page, info, "/categories/beauty");
  await expect(page.getByRole("heading", { level: 1, name: "Beauty" })).toBeVisible();
  await page.getByRole("list", { name: "Subcategories" }).getByRole("link", { name: /Serums/ }).click();
  await settled(page, info);
  await expect(page).toHaveURL(/\/categories\/serums$/);
  await expect(page.getByRole("heading", { level: 1, name: "Serums & Treatments" })).toBeVisible();
});

test("search box filters products", async ({ page }, info) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, info, "/");
  const box = page.locator("#search-desktop");
  await box.fill("peony");
  await box.press("Enter");
  await settled(page, info);
  await expect(page).toHaveURL(/q=peony/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("peony");
  // The hits are exactly what the catalog API finds for the same words. (The
  // ranking changes once the products' vectors are ready, seconds after a
  // start: compare a page and an answer from the same moment.)
  await expect(async () => {
    await page.reload();
    const titles = (await page.locator("main article h3").allInnerTexts()).map((t) => t.trim());
    expect(titles.length).toBeGreaterThan(0);
    const api = await (await page.request.get("/api/v1/products?search=peony&limit=100")).json();
    const expected = api.data.map((p: { title: string }) => p.title);
    expect(api.pagination.total).toBeGreaterThan(0);
    expect(titles).toEqual(expected.slice(0, titles.length));
    expect(titles.length).toBe(Math.min(expected.length, 24));
  }).toPass({ timeout: 90_000 });
});

test("unknown product and page show a 404", async ({ page }, info) => {
  const res = await open(page, info, "/products/this-does-not-exist");
  expect(res!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
  const other = await page.goto("/no/such/page");
  expect(other!.status()).toBe(404);
});

test("phone layout: menu and search are reachable", async ({ page }, info) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, info, "/");
  await expect(page.locator("#search-mobile")).toBeVisible();
  await page.locator("summary", { hasText: "Menu" }).click();
  await page.getByRole("navigation", { name: "Mobile" }).getByRole("link", { name: "Florals" }).click();
  await settled(page, info);
  await expect(page).toHaveURL(/\/categories\/florals$/);
});

test("search with a typo, narrow by a facet, open a product", async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, info, "/");
  const box = page.locator("#search-desktop");
  await box.fill("bouqet");
  await box.press("Enter");
  await settled(page, info);
  await expect(page).toHaveURL(/q=bouqet/);
  await expect(page.locator("main article mark").first()).toHaveText(/bouquet/i);
  const before = Number((await page.getByTestId("result-count").innerText()).match(/\d+/)![0]);
  expect(before).toBeGreaterThan(1);

  // Narrow by colour: the count beside the box is the count after.
  const filters = page.getByRole("form", { name: "Filters" }).first();
  const white = filters.getByRole("group", { name: "Colour" }).getByRole("checkbox", { name: /White/ });
  const option = white.locator("xpath=ancestor::label[1]");
  const expected = Number((await option.locator("span").last().innerText()).trim());
  await white.check();
  if (info.project.name === "js-off") {
    await filters.getByRole("button", { name: "Apply filters" }).click();
  }
  await settled(page, info);
  await expect(page).toHaveURL(/colour=White/);
  await expect(page).toHaveURL(/q=bouqet/);
  await expect(page.getByTestId("result-count")).toContainText(`${expected} product`);
  expect(expected).toBeLessThan(before);

  await page.locator("main article h3 a").first().click();
  await settled(page, info);
  await expect(page).toHaveURL(/\/products\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/bouquet/i);
});

test("search box suggests as you type; arrows and Enter open one", async ({ page }, info) => {
  test.skip(info.project.name === "js-off", "suggestions need JavaScript; the box is a plain GET form without it");
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, info, "/");
  const box = page.getByRole("combobox", { name: "Search products" }).first();
  await box.pressSequentially("lavend", { delay: 30 });
  const list = page.getByRole("listbox", { name: "Suggestions" }).first();
  await expect(list).toBeVisible();
  const options = list.getByRole("option");
  expect(await options.count()).toBeGreaterThan(0);
  expect(await options.count()).toBeLessThanOrEqual(8);
  await expect(options.first()).toContainText(/lavender/i);
  await box.press("ArrowDown");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", /suggestions-0$/);
  const href = await options.first().locator("a").getAttribute("href");
  await box.press("Enter");
  await page.waitForURL((url) => url.pathname === href);
  // Esc closes the list without leaving the page.
  await open(page, info, "/");
  const again = page.getByRole("combobox", { name: "Search products" }).first();
  await again.pressSequentially("rose", { delay: 30 });
  await expect(page.getByRole("listbox", { name: "Suggestions" }).first()).toBeVisible();
  await again.press("Escape");
  await expect(page.getByRole("listbox", { name: "Suggestions" }).first()).toBeHidden();
});
