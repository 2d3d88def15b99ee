import { expect, test } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
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

test("the shop ships an order and the customer's open page turns to Shipped by itself", async ({ page, browser }, info) => {
  test.skip(info.project.name === "js-off", "live updates need JavaScript; without it the page shows the state on reload");
  await open(page, info, "/register");
  const form = page.locator("main form");
  await form.getByLabel("Full name").fill("Lena Live");
  await form.getByLabel("Email").fill(`live-${Date.now()}@example.com`);
  await form.getByLabel("Password", { exact: true }).fill("violets at dawn 42");
  await form.getByLabel("Confirm password").fill("violets at dawn 42");
  await form.getByRole("button", { name: "Create account" }).click();
  await settled(page, info);
  await open(page, info, "/account/addresses");
  const address = page.locator("main form").filter({ has: page.getByLabel("Postal code") });
  await address.getByLabel("Full name").fill("Lena Live");
  await address.getByLabel("Address", { exact: true }).fill("3 Oak Row");
  await address.getByLabel("City").fill("York");
  await address.getByLabel("Postal code").fill("YO1 7HH");
  await address.getByLabel("Country").fill("GB");
  await address.getByRole("button", { name: "Add address" }).click();
  await settled(page, info);

  // Buy from the demo seller's shop, cash on delivery.
  await open(page, info, "/shops/dewdrop-botanics");
  await page.getByRole("button", { name: /^Add .+ to cart$/ }).first().click();
  await settled(page, info);
  await open(page, info, "/checkout");
  await page.getByRole("button", { name: /^Place order/ }).click();
  await settled(page, info);
  await page.getByTestId("order-row").getByRole("link").click();
  await settled(page, info);
  await expect(page.getByTestId("order-status")).toHaveText("Processing");
  const orderUrl = new URL(page.url()).pathname;
  const number = (await page.getByRole("heading", { level: 1 }).innerText()).replace("Order ", "").trim();

  // The seller ships it from the studio, in another browser.
  const sellerContext = await browser.newContext();
  const seller = await sellerContext.newPage();
  await open(seller, info, "/login");
  const login = seller.locator("main form");
  await login.getByLabel("Email").fill("maya@dewdrop-botanics.example");
  await login.getByLabel("Password").fill("bazaar-demo-2026");
  await login.getByRole("button", { name: "Sign in" }).click();
  await settled(seller, info);
  await open(seller, info, orderUrl.replace("/orders/", "/studio/orders/"));
  await seller.getByLabel("Carrier").fill("Royal Mail");
  await seller.getByLabel("Tracking number").fill("RM000111222GB");
  await seller.getByRole("button", { name: "Mark shipped" }).click();
  await settled(seller, info);
  await expect(seller.getByText("The order is updated.")).toBeVisible();
  await sellerContext.close();

  // No reload here: the open page hears of it.
  await expect(page.getByTestId("order-status")).toHaveText("Shipped");
  await expect(page.getByTestId("tracking")).toContainText("RM000111222GB");

  // And the shop's SMTP server (scripts/test runs one) has the mail.
  const maildir = process.env.BAZAAR_E2E_MAILDIR;
  if (maildir) {
    const subject = `Subject: Your order ${number} is on its way`;
    await expect
      .poll(() => {
        try {
          return readdirSync(`${maildir}/new`).some((f) => readFileSync(`${maildir}/new/${f}`, "utf8").includes(subject));
        } catch {
          return false;
        }
      }, { timeout: 15_000 })
      .toBe(true);
  }
});
