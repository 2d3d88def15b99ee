import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { open, settled, signIn, signUpWithAddress } from "./helpers";

const PASSWORD = "violets at dawn 42";

test("download my data, then delete my account", async ({ page }, info) => {
  const email = `leaving-${info.project.name}-${Date.now()}@example.com`;
  await signUpWithAddress(page, info, "Lena Leaving", email, ["4 Willow Walk", "York", "YO1 7HH"]);

  await open(page, info, "/account/data");
  await expect(page.getByRole("heading", { level: 1, name: "Your data" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Your data" })).toHaveAttribute("aria-current", "page");
  const held = page.locator("dl");
  await expect(held.getByText("Addresses")).toBeVisible();

  // The download is a plain link: a ZIP that starts with "PK" and holds the address.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download my data (ZIP)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^bazaar-my-data-\d{8}-\d{6}\.zip$/);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe("PK");

  // A wrong password is told beside the field, and nothing happens.
  const form = page.locator("main form").filter({ has: page.getByRole("button", { name: "Delete my account" }) });
  await form.getByLabel("Your password").fill("not my password");
  await form.getByLabel("I understand that my account cannot be brought back.").check();
  await form.getByRole("button", { name: "Delete my account" }).click();
  await settled(page, info);
  await expect(page.getByText("This is not your current password.")).toBeVisible();

  const again = page.locator("main form").filter({ has: page.getByRole("button", { name: "Delete my account" }) });
  await again.getByLabel("Your password").fill(PASSWORD);
  await again.getByLabel("I understand that my account cannot be brought back.").check();
  await again.getByRole("button", { name: "Delete my account" }).click();
  await settled(page, info);
  await expect(page).toHaveURL(/\/account\/data\?deleted=1$/);
  await expect(page.getByRole("heading", { name: "Your account is deleted" })).toBeVisible();

  // Signed out, and the address and password no longer sign in.
  await open(page, info, "/account");
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, info, email, PASSWORD);
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
});
