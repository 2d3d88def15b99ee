import { Browser, expect, Page, test, TestInfo } from "@playwright/test";
import { open, settled } from "./helpers";

const PASSWORD = "violets at dawn 42";

async function register(page: Page, info: TestInfo, email: string) {
  await open(page, info, "/register");
  const form = page.locator("main form");
  await form.getByLabel("Full name").fill("Fern Maker");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await form.getByLabel("Confirm password").fill(PASSWORD);
  await form.getByRole("button", { name: "Create account" }).click();
  await settled(page, info);
  await expect(page).toHaveURL(/\/account$/);
}

async function asAdmin(browser: Browser, info: TestInfo) {
  const context = await browser.newContext({ javaScriptEnabled: info.project.name !== "js-off" });
  const page = await context.newPage();
  await open(page, info, "/login");
  const login = page.locator("main form");
  await login.getByLabel("Email").fill("admin@bazaar.test");
  await login.getByLabel("Password").fill("bazaar-demo-2026");
  await login.getByRole("button", { name: "Sign in" }).click();
  await settled(page, info);
  return { context, page };
}

test("apply to sell → an administrator approves → the shop is open", async ({ page, browser }, info) => {
  const stamp = `${info.project.name}-${Date.now()}`;
  const shop = `Fern Hollow ${stamp}`;
  await register(page, info, `fern-${stamp}@example.com`);

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

  await open(page, info, "/sell");
  await expect(page.getByTestId("application-status")).toContainText("Verified");
  await page.getByRole("link", { name: "See your shop" }).click();
  await settled(page, info);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(shop);
});
