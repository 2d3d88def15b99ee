import { expect, test } from "@playwright/test";
import { jsOn, open, signIn } from "./helpers";

test("the bell lights up when an order is placed in another browser", async ({ browser, page }, info) => {
  await signIn(page, info, "admin@bazaar.test");
  await open(page, info, "/admin");
  const bell = page.getByTestId("bell");
  await expect(bell).toBeVisible();
  const before = Number((await page.locator("#bell-count").textContent()) ?? "0");

  // Someone else buys, through the REST API of another context.
  const shopper = await browser.newContext();
  const api = shopper.request;
  const email = `bell-${info.project.name}-${Date.now()}@example.com`;
  expect((await api.post("/api/v1/auth/register", { data: { full_name: "Bea Bell", email, password: "violets at dawn 42" } })).status()).toBe(201);
  const address = await (await api.post("/api/v1/users/addresses", {
    data: { full_name: "Bea Bell", address_line1: "1 Bell Lane", city: "Bath", postal_code: "BA1 1AA", country: "GB" },
  })).json();
  const products = await (await api.get("/api/v1/products?limit=24")).json();
  const product = products.data.find((p: { has_variants: boolean; stock: number }) => !p.has_variants && p.stock > 2);
  const placed = await api.post("/api/v1/orders", {
    data: { items: [{ product_id: product.id, quantity: 1 }], shipping_address_id: address.id, payment_method: "cash_on_delivery" },
  });
  expect(placed.status()).toBe(201);
  await shopper.close();

  if (!jsOn(info)) {
    await page.reload();
  }
  // With JavaScript the count changes in place; without, on the next page.
  // (Other tests may place orders meanwhile: more is fine, the same is not.)
  await expect
    .poll(async () => Number((await page.locator("#bell-count").textContent()) ?? "0"), { timeout: 15_000 })
    .toBeGreaterThan(before);
  await bell.click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Notifications" })).toContainText("New order");
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("status")).toContainText("none unread");
});
