import { expect, test } from "@playwright/test";
import { jsOn, mailWith, maildir, open, settled, signIn, signUp } from "./helpers";

test("an administrator writes, previews, tests and sends a campaign; it arrives and unsubscribes signed out", async ({ browser, page }, info) => {
  test.skip(!maildir, "needs the shop's SMTP server (scripts/test runs one)");
  test.setTimeout(180_000);
  const tag = `${info.project.name}-${Date.now()}`;
  const email = `news-${tag}@example.com`;

  // A customer says yes to news when signing up.
  const shopper = await browser.newContext();
  const their = await shopper.newPage();
  await open(their, info, "/register");
  const form = their.locator("main form");
  await form.getByLabel("Full name").fill("Nell News");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password", { exact: true }).fill("violets at dawn 42");
  await form.getByLabel("Confirm password").fill("violets at dawn 42");
  await form.getByLabel("Send me news and offers").check();
  await form.getByRole("button", { name: "Create account" }).click();
  await settled(their, info);
  await shopper.close();

  await signIn(page, info, "admin@bazaar.test");
  await open(page, info, "/admin/campaigns");
  await expect(page.getByRole("heading", { level: 1, name: "Campaigns" })).toBeVisible();
  await page.getByRole("link", { name: "New campaign" }).click();
  await settled(page, info);
  await page.getByLabel("Name", { exact: true }).fill(`Winter ${tag}`);
  await page.getByLabel("Subject").fill(`Warm picks ${tag} for {{first_name}}`);
  if (jsOn(info)) {
    // The count and the preview follow the form as it is typed.
    await expect(page.locator("#campaign-count")).toContainText("will get it");
    await expect(page.locator("#campaign-subject")).toContainText(`Warm picks ${tag}`);
    await page.getByLabel("Oily").check();
    await expect(page.locator("#campaign-count")).not.toHaveText("");
    await page.getByLabel("Oily").uncheck();
  }
  await page.getByRole("button", { name: "Save draft" }).click();
  await settled(page, info);
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.locator("#campaign-count")).toContainText(/\d+ people will get it/);
  const frame = page.frameLocator("#campaign-preview");
  await expect(frame.locator("body")).toContainText("Our newest picks are in");

  // A test copy to me.
  await page.getByRole("button", { name: "Send a test to me" }).click();
  await settled(page, info);
  await expect(page.getByRole("status").filter({ hasText: "test copy" })).toBeVisible();
  await mailWith("To: admin@bazaar.test", `[Test] Warm picks ${tag}`);

  // Send now: progress, then results.
  await page.getByRole("button", { name: "Send now" }).click();
  await settled(page, info);
  await expect(page.getByRole("progressbar", { name: "Mail sent" })).toBeVisible();
  await expect
    .poll(async () => {
      await page.reload();
      return page.getByRole("status").filter({ hasText: "% done" }).textContent();
    }, { timeout: 120_000, intervals: [2_000] })
    .toContain("100% done");
  await expect(page.getByText("Sent", { exact: true }).first()).toBeVisible();

  // It reached the customer, escaped, with a one-click unsubscribe.
  const mail = await mailWith(`To: ${email}`, `Warm picks ${tag}`);
  expect(mail).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  const plain = mail.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const token = plain.match(/\/unsubscribe\/([0-9a-f]{64})/)![1];

  // Signed out, the link works; an altered one does not.
  const stranger = await browser.newContext();
  const anyone = await stranger.newPage();
  await open(anyone, info, `/unsubscribe/${token.replace(/^./, token[0] === "a" ? "b" : "a")}`);
  await expect(anyone.getByRole("alert")).toContainText("not one of ours");
  await open(anyone, info, `/unsubscribe/${token}`);
  await expect(anyone.getByText("Stop sending news and offers to n•••@example.com?")).toBeVisible();
  await anyone.getByRole("button", { name: "Unsubscribe" }).click();
  await settled(anyone, info);
  await expect(anyone.getByRole("status")).toContainText("You are unsubscribed");
  await stranger.close();
});
