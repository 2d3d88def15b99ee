import { Browser, expect, Page, test, TestInfo } from "@playwright/test";
import { confirmEmail, maildir, open, settled, signIn } from "./helpers";

const PASSWORD = "violets at dawn 42";

async function register(page: Page, info: TestInfo, email: string) {
  test.skip(!maildir, "needs the shop's SMTP server (scripts/test runs one)");
  await open(page, info, "/register");
  const form = page.locator("main form");
  await form.getByLabel("Full name").fill("Fern Maker");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await form.getByLabel("Confirm password").fill(PASSWORD);
  await form.getByRole("button", { name: "Create account" }).click();
  await settled(page, info);
  await expect(page).toHaveURL(/\/account$/);
  // Selling needs a confirmed address.
  await confirmEmail(page, info, email);
}

async function asAdmin(browser: Browser, info: TestInfo) {
  const context = await browser.newContext({ javaScriptEnabled: info.project.name !== "js-off" });
  const page = await context.newPage();
  await signIn(page, info, "admin@bazaar.test");
  return { context, page };
}

test("apply to sell → an administrator approves → the shop is open", async ({ page, browser }, info) => {
  const stamp = `${info.project.name}-${Date.now()}`;
  const shop = `Fern Hollow ${stamp}`;
  await register(page, info, `fern-${stamp}@example.com`);
  await applyAndApprove(page, browser, info, shop);

  await open(page, info, "/sell");
  await expect(page.getByTestId("application-status")).toContainText("Verified");
  await page.getByRole("link", { name: "See your shop" }).click();
  await settled(page, info);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(shop);
});

/** The signed-in `page` applies to open `shop`; an administrator approves it. */
async function applyAndApprove(page: Page, browser: Browser, info: TestInfo, shop: string) {
  await open(page, info, "/sell");
  await expect(page.getByRole("heading", { level: 1, name: "Sell on Bazaar" })).toBeVisible();
  const form = page.locator("#apply-form");
  // Without agreeing to the terms the form comes back with the reason.
  await form.getByLabel("Shop name").fill(shop);
  await form.getByLabel("What you sell").selectOption("Flowers & plants");
  await form.getByLabel("Experience").selectOption("I sell occasionally");
  await form.getByLabel("Monthly sales").selectOption("$1000-$5000");
  await form.getByLabel("Etsy").check();
  await form.getByLabel("Full name").fill("Fern Maker");
  await form.getByLabel("Postal code").fill("EH1 1AA");
  await form.getByRole("button", { name: "Send application" }).click();
  await settled(page, info);
  await expect(page.locator("#terms-msg")).toContainText("agree to the seller terms");

  await form.getByLabel("Shop name").fill(shop);
  await form.getByLabel("What you sell").selectOption("Flowers & plants");
  await form.getByLabel("Experience").selectOption("I sell occasionally");
  await form.getByLabel("Monthly sales").selectOption("$1000-$5000");
  await form.getByLabel("Full name").fill("Fern Maker");
  await form.getByLabel("Postal code").fill("EH1 1AA");
  await form.getByLabel(/I agree to the seller terms/).check();
  await form.getByRole("button", { name: "Send application" }).click();
  await settled(page, info);
  await expect(page.getByTestId("application-status")).toContainText("Waiting for review");

  const admin = await asAdmin(browser, info);
  await open(admin.page, info, "/admin/sellers");
  const card = admin.page.getByRole("article", { name: `Application: ${shop}` });
  await expect(card).toContainText("Flowers & plants");
  await card.getByRole("button", { name: "Approve" }).click();
  await settled(admin.page, info);
  await expect(admin.page.getByText("Approved: the shop is open")).toBeVisible();
  await expect(admin.page.getByRole("article", { name: `Application: ${shop}` })).toHaveCount(0);
  await admin.context.close();
}

// A 1×1 PNG: the server decodes and re-encodes whatever it is given.
const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

test("a new seller lists a product with a picture; a customer finds, reviews, wishlists it and follows the shop", async ({ page, browser }, info) => {
  test.setTimeout(90_000);
  const stamp = `${info.project.name}-${Date.now()}`;
  const shop = `Moss Studio ${stamp}`;
  const title = `Moonpetal Tonic ${Date.now() % 100000}`;
  await register(page, info, `moss-${stamp}@example.com`);
  await applyAndApprove(page, browser, info, shop);

  // The studio: a new product, published, then a picture.
  await open(page, info, "/studio/products");
  await expect(page.getByRole("heading", { level: 1, name: "Your products" })).toBeVisible();
  await expect(page.getByText("No products yet")).toBeVisible();
  await page.getByRole("link", { name: "New product" }).click();
  await settled(page, info);
  const form = page.locator("#product-form");
  await form.getByLabel("Title", { exact: true }).fill(title);
  await form.getByLabel("Price", { exact: true }).fill("abc");
  await form.getByLabel("Category").selectOption({ label: "Beauty › Serums & Treatments" });
  await form.getByRole("button", { name: "Publish" }).click();
  await settled(page, info);
  await expect(page.locator("#field-price-msg")).toContainText("Enter an amount like 24.50");
  const again = page.locator("#product-form");
  await again.getByLabel("Title", { exact: true }).fill(title);
  await again.getByLabel("Description").fill("A calming rose and oat tonic.");
  await again.getByLabel("Price", { exact: true }).fill("21.50");
  await again.getByLabel("Stock (optional)").fill("12");
  await again.getByLabel("Category").selectOption({ label: "Beauty › Serums & Treatments" });
  await again.getByLabel("Skin type").fill("sensitive, dry");
  await again.getByRole("button", { name: "Publish" }).click();
  await settled(page, info);
  await expect(page).toHaveURL(/\/studio\/products\/[0-9a-f-]+\?saved=1/);
  await expect(page.getByText("Published", { exact: true })).toBeVisible();
  await page.getByLabel("Add a picture").setInputFiles({ name: "tonic.png", mimeType: "image/png", buffer: PIXEL });
  await page.getByLabel("Description (optional)").fill("The tonic in its glass bottle");
  await page.getByRole("button", { name: "Upload" }).click();
  await settled(page, info);
  await expect(page.getByText("Picture added.")).toBeVisible();
  await expect(page.getByTestId("product-pictures").getByRole("img")).toHaveCount(1);

  // A customer finds it by search, with a typo.
  const customer = await browser.newContext({ javaScriptEnabled: info.project.name !== "js-off" });
  const buyer = await customer.newPage();
  await register(buyer, info, `buyer-${stamp}@example.com`);
  await expect(async () => {
    await open(buyer, info, "/products?q=moonpetl+tonic");
    await expect(buyer.getByRole("link", { name: title })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await buyer.getByRole("link", { name: title }).click();
  await settled(buyer, info);
  await expect(buyer.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(buyer.getByRole("img", { name: "The tonic in its glass bottle" }).first()).toBeVisible();

  // Reviews it.
  const review = buyer.locator("#review-form");
  await review.getByLabel("4 stars").check();
  await review.getByLabel("Your review").fill("Soothing <b>and</b> gentle.");
  await review.getByRole("button", { name: "Post review" }).click();
  await settled(buyer, info);
  await expect(buyer.getByTestId("review").filter({ hasText: "Soothing <b>and</b> gentle." })).toBeVisible();

  // Wishlists it.
  await buyer.getByRole("button", { name: `Save ${title} to your wishlist` }).click();
  await settled(buyer, info);
  await expect(buyer.getByRole("button", { name: `Remove ${title} from your wishlist` })).toBeVisible();
  await open(buyer, info, "/wishlist");
  await expect(buyer.locator("main")).toContainText(title);

  // Follows the shop, which then shows on their page of followed shops.
  await open(buyer, info, `/products?q=moonpetal`);
  await buyer.getByRole("link", { name: title }).click();
  await settled(buyer, info);
  await buyer.getByRole("link", { name: shop }).first().click();
  await settled(buyer, info);
  await expect(buyer.getByRole("heading", { level: 1 })).toHaveText(shop);
  await buyer.getByRole("button", { name: `Follow ${shop}` }).click();
  await settled(buyer, info);
  await expect(buyer.getByTestId("follow-button")).toHaveText(/Following/);
  await expect(buyer.getByTestId("shop-stats")).toContainText("1 follower");
  await open(buyer, info, "/account/following");
  await expect(buyer.getByTestId("followed-shops")).toContainText(shop);
  await customer.close();
});
