import { expect, test } from "@playwright/test";
import { open, settled } from "./helpers";

test("a visitor fills a cart, signs up and keeps it, changes and empties it", async ({ page }, info) => {
  // Add from a card: one tap, then the cart.
  await open(page, info, "/products?q=tulip");
  const add = page.getByRole("button", { name: /^Add .+ to cart$/ }).first();
  const name = (await add.getAttribute("aria-label"))!.replace(/^Add /, "").replace(/ to cart$/, "");
  await add.click();
  await settled(page, info);
  await expect(page).toHaveURL(/\/cart\?added=1$/);
  await expect(page.getByText("Added to your cart.")).toBeVisible();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);

  // The same product from its page, two more: still one line, now three.
  await page.getByTestId("cart-line").getByRole("link", { name }).click();
  await settled(page, info);
  await page.getByLabel("Quantity", { exact: true }).selectOption("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await settled(page, info);
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByLabel(`Quantity of ${name}`)).toHaveValue("3");
  await expect(page.getByRole("link", { name: "Cart, 3 items" })).toBeVisible();

  // Signing up keeps the visitor's cart.
  await open(page, info, "/register?next=%2Fcart");
  const form = page.locator("main form");
  await form.getByLabel("Full name").fill("Carla Cart");
  await form.getByLabel("Email").fill(`cart-${info.project.name}-${Date.now()}@example.com`);
  await form.getByLabel("Password", { exact: true }).fill("violets at dawn 42");
  await form.getByLabel("Confirm password").fill("violets at dawn 42");
  await form.getByRole("button", { name: "Create account" }).click();
  await settled(page, info);
  await open(page, info, "/cart");
  await expect(page.getByLabel(`Quantity of ${name}`)).toHaveValue("3");

  await page.getByLabel(`Quantity of ${name}`).selectOption("1");
  await page.getByRole("button", { name: "Update" }).click();
  await settled(page, info);
  await expect(page.getByText("Your cart is updated.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();

  await page.getByRole("button", { name: `Remove ${name}` }).click();
  await settled(page, info);
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Cart, empty" })).toBeVisible();
});
