import { expect, test } from "@playwright/test";
import { addCardToCart, open, settled, signIn } from "./helpers";

test("the drawer: ask for a gift, add a suggestion to the cart, and see a staff reply without a reload", async ({ page, browser }, info) => {
  test.skip(info.project.name === "js-off", "without JavaScript the drawer is a form to /assistant (the next test)");
  await open(page, info, "/products");
  await page.locator("#assistant-drawer[data-ready]").waitFor();
  await page.getByTestId("assistant-drawer-open").click();
  const drawer = page.getByRole("region", { name: "Shopping assistant" });
  await expect(drawer.getByTestId("assistant-empty")).toBeVisible();
  await drawer.getByLabel("Your message").fill("A gift for my mum under $50");
  await drawer.getByLabel("Your message").press("Enter");
  // The answer is written in on this page, with cards from the catalog.
  const cards = drawer.getByTestId("assistant-product");
  await expect(cards.first()).toBeVisible();
  await expect(page).toHaveURL(/\/products$/);
  await expect(drawer.locator("[data-role=user]")).toContainText("A gift for my mum under $50");
  const price = (await cards.first().getByTestId("assistant-price").innerText()).trim();
  expect(price).toMatch(/^\$\d+\.\d{2}$/);
  expect(Number(price.slice(1))).toBeLessThanOrEqual(50); // "under $50" includes $50, as the price facet does
  const conversation = await page.locator("#assistant-drawer-conversation").getAttribute("value");
  expect(conversation).toBeTruthy();

  // Straight into the cart from the chat (a product with options opens its page).
  const name = (await cards.first().locator("a span").first().innerText()).trim();
  await addCardToCart(page, info, cards.first(), name);

  // The conversation follows to the next page; hand it over to a person.
  await page.locator("#assistant-drawer[data-ready]").waitFor();
  await page.getByTestId("assistant-drawer-open").click();
  await expect(drawer.locator("[data-role=user]").first()).toContainText("A gift for my mum");
  await drawer.getByLabel("Your message").fill("Can I talk to a person?");
  await drawer.getByRole("button", { name: "Send" }).click();
  await expect(drawer.locator("[data-role=assistant]").last()).toContainText("asked our team");

  // A staff member answers in another browser; the open drawer shows it.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, info, "staff@bazaar.test");
  await open(staff, info, `/studio/inbox?c=${conversation}`);
  await staff.getByLabel("Your reply").fill("Hello! Theo here — the peonies are lovely this week.");
  await staff.getByRole("button", { name: "Send reply" }).click();
  await settled(staff, info);
  await staffContext.close();
  await expect(drawer.locator("[data-role=staff]")).toContainText("Theo here", { timeout: 10_000 });
  await expect(page).toHaveURL(/\/cart\?added=1/);
});

test("without JavaScript the drawer is a form that opens the assistant's page", async ({ page }, info) => {
  test.skip(info.project.name !== "js-off", "the js-on drawer answers in place (the test above)");
  await open(page, info, "/");
  await page.getByTestId("assistant-drawer-open").click();
  const drawer = page.getByRole("region", { name: "Shopping assistant" });
  await drawer.getByLabel("Your message").fill("Roses for an anniversary");
  await drawer.getByRole("button", { name: "Send" }).click();
  await settled(page, info);
  await expect(page).toHaveURL(/\/assistant\?c=/);
  await expect(page.getByTestId("assistant-thread").getByTestId("assistant-product").first()).toBeVisible();
});
