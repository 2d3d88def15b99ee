import { expect, test } from "@playwright/test";
import { mailWith, maildir, open, settled, signIn, signUpWithAddress } from "./helpers";

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
  await page.getByLabel("Cash on delivery").check();
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
  await signUpWithAddress(page, info, "Lena Live", `live-${Date.now()}@example.com`, ["3 Oak Row", "York", "YO1 7HH"]);

  // Buy from the demo seller's shop, cash on delivery.
  await open(page, info, "/shops/dewdrop-botanics");
  await page.getByRole("button", { name: /^Add .+ to cart$/ }).first().click();
  await settled(page, info);
  await open(page, info, "/checkout");
  await page.getByLabel("Cash on delivery").check();
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
  await signIn(seller, info, "maya@dewdrop-botanics.example");
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
  if (maildir) await mailWith(`Subject: Your order ${number} is on its way`);
});

test("a visitor's cart follows them into their account, they pay by card and the order turns paid by itself", async ({ page, browser }, info) => {
  test.skip(info.project.name === "js-off", "the card field is Stripe.js; without JavaScript the page says so");
  // An account with an address, made in another browser.
  const email = `card-${Date.now()}@example.com`;
  const other = await browser.newContext();
  const setup = await other.newPage();
  await signUpWithAddress(setup, info, "Carla Card", email, ["9 Fern Way", "Leeds", "LS1 4AP"]);
  await other.close();

  // A visitor fills a cart, then signs in: the cart comes along.
  await open(page, info, "/products?q=rose");
  await page.getByRole("button", { name: /^Add .+ to cart$/ }).first().click();
  await settled(page, info);
  await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();
  await open(page, info, "/login");
  const login = page.locator("main form");
  await login.getByLabel("Email").fill(email);
  await login.getByLabel("Password").fill("violets at dawn 42");
  await login.getByRole("button", { name: "Sign in" }).click();
  await settled(page, info);
  await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();

  await open(page, info, "/checkout");
  await expect(page.getByRole("radio", { name: /^Card/ })).toBeChecked();
  await page.getByRole("button", { name: /^Place order/ }).click();
  await settled(page, info);
  await expect(page).toHaveURL(/\/orders\/[^/?]+\?pay=1/);
  await expect(page.getByTestId("order-status")).toHaveText("Awaiting payment");
  const number = (await page.getByRole("heading", { level: 1 }).innerText()).replace("Order ", "").trim();

  // Stripe.js (localstripe's, in the suite) draws the card field.
  const card = page.getByTestId("card-payment");
  await card.getByPlaceholder("number").fill("4000000000000341");
  await card.getByPlaceholder("exp_month").fill("12");
  await card.getByPlaceholder("exp_year").fill("34");
  await card.getByPlaceholder("cvc").fill("123");
  await card.getByPlaceholder("postal_code").fill("42424");
  await card.getByTestId("pay-button").click();
  // A declined card says so beside the form, and another card can be tried.
  await expect(card.getByTestId("pay-error")).toContainText("declined");
  await expect(page.getByTestId("order-status")).toHaveText("Awaiting payment");
  await card.getByPlaceholder("number").fill("4242424242424242");
  await card.getByTestId("pay-button").click();

  // No reload: Stripe's webhook reaches the shop and the open page hears of it.
  await expect(page.getByTestId("order-status")).toHaveText("Paid", { timeout: 15_000 });
  await expect(card.getByText("Paid — thank you!")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  await expect(page.getByText("Paid by card")).toBeVisible();
  await expect(page.getByTestId("card-payment")).toHaveCount(0);
  if (maildir) await mailWith(`Subject: Payment received for your order ${number}`);
});
