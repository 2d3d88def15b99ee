import { expect, test } from "@playwright/test";
import { open, settled, signIn } from "./helpers";

test("an administrator corrects a refused setting, saves the shop's contact, and tests the mail and card services", async ({ page }, info) => {
  await signIn(page, info, "admin@bazaar.test");
  await open(page, info, "/admin/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();

  // A refused value is told beside its field; nothing is saved.
  const money = page.locator("section").filter({ has: page.getByRole("heading", { name: "Money and time" }) });
  await money.getByLabel("Commission (%)").fill("a lot");
  await money.getByRole("button", { name: "Save money and time" }).click();
  await settled(page, info);
  await expect(page.locator("#field-commission-msg")).toContainText("percentage");

  // The contact details reach the footer of every page.
  const phone = `+44 20 7946 ${String(Date.now()).slice(-4)}`;
  const store = page.locator("section").filter({ has: page.getByRole("heading", { name: "Store" }) });
  await store.getByLabel("Phone").fill(phone);
  await store.getByRole("button", { name: "Save store" }).click();
  await settled(page, info);
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await open(page, info, "/products");
  await expect(page.locator("footer")).toContainText(phone);

  // Both services answer the test, and say so.
  await open(page, info, "/admin/settings");
  for (const which of ["smtp", "stripe"]) {
    const card = page.getByTestId(`integration-${which}`);
    await card.getByRole("button", { name: /^Test/ }).click();
    await settled(page, info);
    await expect(page.getByTestId(`integration-${which}`).getByTestId("integration-state")).toHaveText("Working");
  }
  await expect(page.getByTestId("integration-stripe")).toContainText("key ending in _e2e");
  await expect(page.getByTestId("integration-stripe")).not.toContainText("sk_test_bazaar_e2e");
});
