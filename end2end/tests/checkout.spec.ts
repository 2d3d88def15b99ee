import { expect, test } from "@playwright/test";
import { open, settled } from "./helpers";

test("a shopper checks out with cash on delivery, sees the order and cancels it", async ({ page }, info) => {
  await open(page, info, "/register");
  const form = page.locator("main form");
  await form.getByLabel("Full name").fill("Olive Order");
  await form.getByLabel("Email").fill(`order-${info.project.name}-${Date.now()}@example.com`);
  await form.getByLabel("Password", { exact: true }).fill("violets at dawn 42");
  await form.getByLabel("Confirm password").fill("violets at dawn 42");
  await form.getByRole("button", { name: "Create account" }).click();
  await settled(page, info);

  // No address yet: the checkout asks for one.
  await open(page, info, "/products?q=rose");
  await page.getByRole("button", { name: /^Add .+ to cart$/ }).first().click();
  await settled(page, info);
  await page.getByRole("link", { name: "Check out" }).click();
  await settled(page, info);
  await expect(page.getByText("Where should we send it?")).toBeVisible();
  await page.getByRole("link", { name: "Add an address" }).click();
  await settled(page, info);
  const address = page.locator("main form").filter({ has: page.getByLabel("Postal code") });
  await address.getByLabel("Full name").fill("Olive Order");
  await address.getByLabel("Address", { exact: true }).fill("1 Rose Lane");
  await address.getByLabel("City").fill("Bath");
  await address.getByLabel("Postal code").fill("BA1 1AA");
  await address.getByLabel("Country").fill("GB");
  await address.getByRole("button", { name: "Add address" }).click();
  await settled(page, info);

  // An unknown promo code is refused beside the field; the order is still priced.
  await open(page, info, "/checkout");
  await page.getByRole("textbox", { name: "Promo code" }).fill("nosuchcode");
  await page.getByRole("button", { name: "Apply" }).click();
  await settled(page, info);
  await expect(page.getByTestId("promo-refused")).toHaveText("There is no promo code NOSUCHCODE.");
  const total = (await page.getByTestId("quote-total").innerText()).trim();
  await expect(page.getByLabel("Cash on delivery")).toBeChecked();
  await page.getByRole("button", { name: `Place order · ${total}` }).click();
  await settled(page, info);

  await expect(page).toHaveURL(/\/orders\?placed=/);
  await expect(page.getByText("Thank you — your order is placed.")).toBeVisible();
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expect(page.getByTestId("order-row")).toContainText(total);
  await page.getByTestId("order-row").getByRole("link").click();
  await settled(page, info);
  await expect(page.getByTestId("order-status")).toHaveText("Processing");
  await expect(page.getByText("Cash on delivery — pay when it arrives")).toBeVisible();
  await expect(page.getByRole("link", { name: "Cart, empty" })).toBeVisible();

  await page.getByRole("button", { name: "Cancel this order" }).click();
  await settled(page, info);
  await expect(page.getByText("Your order is cancelled.")).toBeVisible();
  await expect(page.getByTestId("order-status")).toHaveText("Cancelled");
  await expect(page.getByTestId("timeline")).toContainText("Cancelled by the customer.");
});
