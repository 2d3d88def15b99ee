import { expect, test } from "@playwright/test";
import { open, settled } from "./helpers";

test("a customer reviews a product; the review shows with its stars", async ({ page }, info) => {
  const email = `reviewer-${info.project.name}-${Date.now()}@example.com`;
  await open(page, info, "/register");
  const form = page.locator("main form");
  await form.getByLabel("Full name").fill("Iris Reviewer");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password", { exact: true }).fill("violets at dawn 42");
  await form.getByLabel("Confirm password").fill("violets at dawn 42");
  await form.getByRole("button", { name: "Create account" }).click();
  await settled(page, info);

  // A product found by search.
  await open(page, info, "/products?q=peony");
  await page.locator("main article h3 a").first().click();
  await settled(page, info);
  const reviews = page.locator("#reviews");
  await expect(reviews.getByRole("heading", { name: "Reviews" })).toBeVisible();

  // Without a rating the form says so beside the stars.
  const review = page.locator("#review-form");
  await review.getByLabel("Your review").fill("Opened beautifully over three days.");
  await review.getByRole("button", { name: "Post review" }).click();
  await settled(page, info);
  await expect(page.locator("#review-form")).toContainText("Choose from 1 to 5 stars");

  const again = page.locator("#review-form");
  await again.getByLabel("5 stars").check();
  const title = `Worth it (${info.project.name})`;
  await again.getByLabel("Title").fill(title);
  await again.getByLabel("Your review").fill("Opened beautifully over three days.");
  await again.getByRole("button", { name: "Post review" }).click();
  await settled(page, info);
  await expect(page.getByText("Thank you — your review is saved.")).toBeVisible();
  const mine = page.getByTestId("review").filter({ hasText: title });
  await expect(mine).toContainText("Opened beautifully over three days.");
  await expect(mine).toContainText("Iris R.");
  await expect(page.getByRole("heading", { name: "Edit your review" })).toBeVisible();
});
