import { expect, test } from "@playwright/test";
import { open, settled } from "./helpers";

test("heart a product, see it on the wishlist, share it read-only, stop sharing", async ({ page, browser }, info) => {
  const email = `wisher-${info.project.name}-${Date.now()}@example.com`;
  await open(page, info, "/register");
  const form = page.locator("main form");
  await form.getByLabel("Full name").fill("Wanda Wisher");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password", { exact: true }).fill("violets at dawn 42");
  await form.getByLabel("Confirm password").fill("violets at dawn 42");
  await form.getByRole("button", { name: "Create account" }).click();
  await settled(page, info);

  await open(page, info, "/products?q=tulip");
  const title = (await page.locator("main article h3").first().innerText()).trim();
  await page.getByRole("button", { name: `Save ${title} to your wishlist` }).click();
  await settled(page, info);
  await expect(page.getByRole("button", { name: `Remove ${title} from your wishlist` })).toHaveAttribute("aria-pressed", "true");

  await open(page, info, "/wishlist");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await page.getByRole("button", { name: "Create a share link" }).click();
  await settled(page, info);
  const link = await page.getByTestId("share-link").inputValue();
  expect(link).toMatch(/^\/wishlist\/shared\/[0-9a-f]{32}$/);

  const visitor = await browser.newContext({ javaScriptEnabled: info.project.name !== "js-off" });
  const other = await visitor.newPage();
  await open(other, info, link);
  await expect(other.getByRole("heading", { level: 1, name: "Wanda’s wishlist" })).toBeVisible();
  await expect(other.locator("main article h3", { hasText: title })).toBeVisible();

  await page.getByRole("button", { name: "Stop sharing" }).click();
  await settled(page, info);
  await expect(page.getByText("The share link no longer works.")).toBeVisible();
  const gone = await other.goto(link);
  expect(gone!.status()).toBe(404);
  await visitor.close();

  // Bulk remove.
  await page.getByLabel(`Select ${title}`).check();
  await page.getByRole("button", { name: "Remove selected" }).click();
  await settled(page, info);
  await expect(page.getByText("Nothing saved yet.")).toBeVisible();
});
