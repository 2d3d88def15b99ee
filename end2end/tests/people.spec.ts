import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, open, settled, signIn, signUp } from "./helpers";

test("an administrator finds a person, makes them staff, limits their areas, switches them off, and the audit log says so", async ({ browser, page }, info) => {
  const email = `pia-${info.project.name}-${Date.now()}@example.com`;
  const other = await browser.newContext();
  const them = await other.newPage();
  await signUp(them, info, "Pia Person", email);
  await other.close();

  await signIn(page, info, "admin@bazaar.test");
  await open(page, info, `/admin/people?q=${encodeURIComponent(email)}`);
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("1 person");
  await page.getByRole("link", { name: new RegExp(email) }).click();
  await settled(page, info);
  await expect(page.getByRole("heading", { level: 1, name: "Pia Person" })).toBeVisible();

  // The password is asked every time; a wrong one is told beside the field.
  const role = page.locator("section").filter({ has: page.getByRole("heading", { name: "Role" }) });
  await role.getByLabel("New role").selectOption("staff");
  await role.getByLabel("Your password").fill("not my password at all");
  await role.getByRole("button", { name: "Change role" }).click();
  await settled(page, info);
  await expect(page.locator("#field-password-msg")).not.toBeEmpty();

  const again = page.locator("section").filter({ has: page.getByRole("heading", { name: "Role" }) });
  await again.getByLabel("New role").selectOption("staff");
  await again.getByLabel("Your password").fill(DEMO_PASSWORD);
  await again.getByRole("button", { name: "Change role" }).click();
  await settled(page, info);
  await expect(page.getByRole("status").filter({ hasText: "Role changed" })).toBeVisible();

  // A new staff member starts with the everyday areas; take orders away.
  const areas = page.locator("section").filter({ has: page.getByRole("heading", { name: "Areas" }) });
  await expect(areas.getByLabel(/^Orders/)).toBeChecked();
  await expect(areas.getByLabel(/^Finance/)).not.toBeChecked();
  await areas.getByLabel(/^Orders/).uncheck();
  await areas.getByRole("button", { name: "Save areas" }).click();
  await settled(page, info);
  await expect(page.getByRole("status").filter({ hasText: "Areas saved" })).toBeVisible();
  await expect(page.locator("section").filter({ has: page.getByRole("heading", { name: "Areas" }) }).getByLabel(/^Orders/)).not.toBeChecked();

  // A note for the team, then the account off.
  await page.getByLabel("Add a note for the team").fill("Starts on Monday; no order desk yet.");
  await page.getByRole("button", { name: "Add note" }).click();
  await settled(page, info);
  await expect(page.getByText("Starts on Monday; no order desk yet.")).toBeVisible();
  await page.getByRole("button", { name: "Switch the account off" }).click();
  await settled(page, info);
  await expect(page.getByText("Switched off", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Switch the account back on" })).toBeVisible();

  // The history on the page and the audit log agree.
  const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "History" }) });
  await expect(history.getByText("Role changed")).toBeVisible();
  await expect(history.getByText("Staff areas changed")).toBeVisible();
  await expect(history.getByText("Account status changed")).toBeVisible();
  await open(page, info, "/admin/audit?action=status_changed");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const first = page.getByRole("list", { name: "Changes" }).getByRole("listitem").first();
  await expect(first).toContainText("Account status changed");
  await expect(first).toContainText("admin@bazaar.test");
  await expect(first).toContainText("deactivated");
  await expect(page.getByRole("link", { name: "Download CSV" })).toHaveAttribute("href", /\/api\/v1\/admin\/audit\/export\?action=status_changed/);

  // Signed out for good: the right password is refused with a clear word.
  const later = await browser.newContext();
  const back = await later.newPage();
  await signIn(back, info, email, "violets at dawn 42");
  await expect(back.getByText("This account is switched off.", { exact: false })).toBeVisible();
  await later.close();
});
