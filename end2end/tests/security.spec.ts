import { expect, test } from "@playwright/test";
import { jsOn, linkToken, mailWith, maildir, open, settled, signIn, signUp } from "./helpers";


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

  const token = linkToken(await mailWith(`To: ${email}`, "Subject: Reset your Bazaar password"), "reset-password");
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

test("two browsers: one signs the other out from /account/security", async ({ browser }, info) => {
  const email = `two-devices-${info.project.name}-${Date.now()}@example.com`;
  const laptop = await browser.newContext({ javaScriptEnabled: jsOn(info) });
  const a = await laptop.newPage();
  await signUp(a, info, "Tess Twofold", email);
  const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
  const phone = await browser.newContext({ javaScriptEnabled: jsOn(info), userAgent: iphone });
  const b = await phone.newPage();
  await signIn(b, info, email, "violets at dawn 42");

  await open(a, info, "/account/security");
  await expect(a.getByTestId("session")).toHaveCount(2);
  await expect(a.getByText("This device", { exact: true })).toBeVisible();
  await a.getByRole("button", { name: "Sign out this device (Safari on iPhone)" }).click();
  await settled(a, info);
  await expect(a.getByText("That session is signed out.")).toBeVisible();
  await expect(a.getByTestId("session")).toHaveCount(1);
  const activity = a.getByRole("list", { name: "Security activity" });
  await expect(activity.getByText("A session was signed out")).toBeVisible();
  await expect(activity.getByText("Safari on iPhone · 127.0.0.1")).toBeVisible();

  // The phone's next page is the sign-in page.
  await open(b, info, "/account");
  await expect(b).toHaveURL(/\/login\?next=/);
  await laptop.close();
  await phone.close();
});

test("administrators find a failed sign-in on /admin/security", async ({ page, browser }, info) => {
  const email = `mistyped-${info.project.name}-${Date.now()}@example.com`;
  const other = await browser.newContext();
  const guess = await other.newPage();
  await signIn(guess, info, email, "not the password 1");
  await expect(guess.getByText(/do not match/)).toBeVisible();
  await other.close();

  await signIn(page, info, "admin@bazaar.test");
  await open(page, info, "/admin");
  await page.getByRole("link", { name: "Security events" }).click();
  await settled(page, info);
  const filters = page.getByRole("form", { name: "Filter security events" });
  await filters.getByLabel("Person").fill(email);
  await filters.getByLabel("What").selectOption({ label: "Wrong password" });
  await filters.getByRole("button", { name: "Show" }).click();
  await settled(page, info);
  await expect(page).toHaveURL(/kind=sign_in_failed/);
  await expect(page.getByTestId("security-event")).toHaveCount(1);
  await expect(page.getByTestId("security-event").getByText(email)).toBeVisible();
});
