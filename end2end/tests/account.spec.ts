import { expect, Page, test, TestInfo } from "@playwright/test";
import { open, settled } from "./helpers";

const PASSWORD = "violets at dawn 42";

async function submit(page: Page, info: TestInfo, form: ReturnType<Page["locator"]>, button: string) {
  await form.getByRole("button", { name: button }).click();
  await settled(page, info);
}

async function signOut(page: Page, info: TestInfo) {
  await page.getByTestId("account-menu").locator("summary").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await settled(page, info);
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
}

test("register → sign out → sign in → profile → addresses → refused pages", async ({ page }, info) => {
  const email = `shopper-${info.project.name}-${Date.now()}@example.com`;

  // Register, with one field error first.
  await open(page, info, "/register");
  const form = page.locator("main form");
  await form.getByLabel("Full name").fill("Rosa Parkes");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password", { exact: true }).fill("short");
  await form.getByLabel("Confirm password").fill("short");
  await submit(page, info, form, "Create account");
  await expect(page.locator("#field-password-msg")).toContainText("at least 12 characters");

  await form.getByLabel("Full name").fill("Rosa Parkes");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await form.getByLabel("Confirm password").fill(PASSWORD);
  await submit(page, info, form, "Create account");
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();

  await signOut(page, info);

  // Sign in again; a wrong password first.
  await open(page, info, "/login");
  const login = page.locator("main form");
  await login.getByLabel("Email").fill(email);
  await login.getByLabel("Password").fill("not the password");
  await submit(page, info, login, "Sign in");
  await expect(page.getByRole("alert")).toContainText("do not match");
  await login.getByLabel("Email").fill(email);
  await login.getByLabel("Password").fill(PASSWORD);
  await submit(page, info, login, "Sign in");
  await expect(page).toHaveURL(/\/account$/);

  // Edit the profile.
  const profile = page.locator("form", { has: page.getByRole("button", { name: "Save profile" }) });
  await profile.getByLabel("Username").fill(`rosa${Date.now() % 100000}`);
  await profile.getByLabel("Skin type").selectOption("sensitive");
  await profile.getByText("Redness").click();
  await profile.getByText("Fresh flowers").click();
  await submit(page, info, profile, "Save profile");
  await expect(page.getByRole("status")).toContainText("Your profile is saved.");
  await expect(profile.getByLabel("Skin type")).toHaveValue("sensitive");
  await expect(profile.getByRole("checkbox", { name: "Redness" })).toBeChecked();

  // Two addresses; the second becomes the default.
  await page.getByRole("navigation", { name: "Account sections" }).getByRole("link", { name: "Addresses" }).click();
  await settled(page, info);
  await expect(page.getByText("No addresses yet")).toBeVisible();
  const address = async (line1: string, city: string) => {
    const f = page.locator("#address-form");
    await f.getByLabel("Full name").fill("Rosa Parkes");
    await f.getByLabel("Address", { exact: true }).fill(line1);
    await f.getByLabel("City").fill(city);
    await f.getByLabel("Postal code").fill("BA1 1AA");
    await f.getByLabel("Country").fill("GB");
    await submit(page, info, f, "Add address");
    await expect(page.getByTestId("address-list")).toContainText(line1);
  };
  await address("1 Rose Lane", "Bath");
  await address("2 Tulip Row", "Bristol");
  const cards = page.getByTestId("address-list").locator("li");
  await expect(cards).toHaveCount(2);
  await expect(page.locator('li[data-default="true"]')).toContainText("1 Rose Lane");
  await page.locator("li", { hasText: "2 Tulip Row" }).getByRole("button", { name: "Make default" }).click();
  await settled(page, info);
  await expect(page.locator('li[data-default="true"]')).toHaveCount(1);
  await expect(page.locator('li[data-default="true"]')).toContainText("2 Tulip Row");

  // A customer is refused the back office and the studio.
  for (const path of ["/admin", "/studio"]) {
    const res = await open(page, info, path);
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
  await page.getByTestId("account-menu").locator("summary").click();
  await expect(page.getByRole("link", { name: "Back office" })).toHaveCount(0);
});

test("visitors are sent to sign in and come back", async ({ page }, info) => {
  await open(page, info, "/account/addresses");
  await expect(page).toHaveURL(/\/login\?next=\/account\/addresses$/);
  const login = page.locator("main form");
  await login.getByLabel("Email").fill("admin@bazaar.test");
  await login.getByLabel("Password").fill("bazaar-demo-2026");
  await submit(page, info, login, "Sign in");
  // The path, not the whole URL: "/login?next=/account/addresses" ends the same way.
  await expect(page).toHaveURL((url) => url.pathname === "/account/addresses");
  await expect(page.getByRole("heading", { level: 1, name: "Your addresses" })).toBeVisible();
  await open(page, info, "/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Back office" })).toBeVisible();
});
