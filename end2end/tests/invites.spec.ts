import { expect, test } from "@playwright/test";
import { linkToken, mailWith, maildir, open, settled, signIn } from "./helpers";

test("an administrator invites a member of staff; they set a password and see only their areas", async ({ browser, page }, info) => {
  test.skip(!maildir, "needs the shop's SMTP server (scripts/test runs one)");
  const email = `staff-${info.project.name}-${Date.now()}@example.com`;

  await signIn(page, info, "admin@bazaar.test");
  await open(page, info, "/admin/people");
  await page.getByRole("link", { name: "Invite staff" }).click();
  await settled(page, info);
  await page.getByLabel("Their email").fill(email);
  for (const area of ["Catalog", "Live streams", "Support inbox", "Analytics"]) {
    await page.getByRole("checkbox", { name: area }).uncheck();
  }
  await page.getByRole("checkbox", { name: /^Orders/ }).check();
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await settled(page, info);
  await expect(page.getByRole("status")).toContainText(`Invitation sent to ${email}`);

  const token = linkToken(await mailWith(`To: ${email}`, "Subject: You are invited to the Bazaar back office"), "invite");
  const theirs = await browser.newContext();
  const them = await theirs.newPage();
  await open(them, info, `/invite?token=${token}`);
  await expect(them.getByRole("heading", { name: "Join the staff" })).toBeVisible();
  await them.getByLabel("Full name").fill("Sam Staff");
  await them.getByLabel("Password", { exact: true }).fill("violets at dawn 42");
  await them.getByLabel("Confirm password").fill("violets at dawn 42");
  await them.getByRole("button", { name: "Create my staff account" }).click();
  await settled(them, info);
  await expect(them.getByRole("status")).toContainText("staff account");
  await them.getByLabel("Password").fill("violets at dawn 42");
  await them.getByRole("button", { name: "Sign in" }).click();
  await settled(them, info);

  // Their menu offers the orders desk and nothing they were not given.
  await open(them, info, "/account");
  await them.getByTestId("account-menu").locator("summary").click();
  const menu = them.getByRole("navigation", { name: "Account" });
  await expect(menu.getByRole("link", { name: "Orders desk" })).toBeVisible();
  await expect(menu.getByRole("link", { name: "Analytics" })).toHaveCount(0);
  await expect(menu.getByRole("link", { name: "People" })).toHaveCount(0);
  const res = await them.goto("/admin/people");
  expect(res?.status()).toBe(403);

  // The link was for one use.
  await open(them, info, `/invite?token=${token}`);
  await expect(them.getByRole("alert")).toContainText("used already");
  await theirs.close();
});
