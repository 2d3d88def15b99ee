import { expect, test } from "@playwright/test";
import { mailWith, maildir, open, settled, signUp } from "./helpers";

/** The reset link's token in a message as delivered (quoted-printable or not). */
function tokenIn(message: string): string {
  const plain = message.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const found = plain.match(/reset-password\?token=([0-9a-f]{64})/);
  expect(found, "a reset link in the mail").not.toBeNull();
  return found![1];
}

test("forgot password → the link from the mail → a new password → signed in", async ({ page, browser }, info) => {
  test.skip(!maildir, "needs the shop's SMTP server (scripts/test runs one)");
  const email = `forgetful-${info.project.name}-${Date.now()}@example.com`;
  const other = await browser.newContext();
  await signUp(await other.newPage(), info, "Fern Forgetful", email);
  await other.close();

  await open(page, info, "/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await settled(page, info);
  const ask = page.locator("main form");
  await ask.getByLabel("Email").fill(email);
  await ask.getByRole("button", { name: "Send the link" }).click();
  await settled(page, info);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  const token = tokenIn(await mailWith(`To: ${email}`, "Subject: Reset your Bazaar password"));
  await open(page, info, `/reset-password?token=${token}`);
  const reset = page.locator("main form");
  await reset.getByLabel("New password", { exact: true }).fill("tulips in the rain 7");
  await reset.getByLabel("Confirm new password").fill("tulips in the rain 7");
  await reset.getByRole("button", { name: "Set new password" }).click();
  await settled(page, info);
  await expect(page).toHaveURL(/\/account\?saved=password_reset$/);
  await expect(page.getByText("Your new password is set")).toBeVisible();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await mailWith(`To: ${email}`, "Subject: Your Bazaar password was changed");

  // The link worked once.
  await open(page, info, `/reset-password?token=${token}`);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});
