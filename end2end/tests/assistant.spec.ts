import { expect, test } from "@playwright/test";
import { addCardToCart, open, settled, signIn } from "./helpers";

test("ask the assistant for a gift, add a suggestion to the cart; staff answer a hand-over", async ({ page, browser }, info) => {
  await open(page, info, "/assistant");
  await expect(page.getByTestId("assistant-empty")).toBeVisible();
  await page.getByLabel("Your message").fill("A bouquet for my mum's birthday");
  await page.getByRole("button", { name: "Send" }).click();
  await settled(page, info);
  await expect(page).toHaveURL(/\/assistant\?c=/);
  const conversation = new URL(page.url()).searchParams.get("c")!;
  const thread = page.getByTestId("assistant-thread");
  await expect(thread.locator("[data-role=user]")).toContainText("A bouquet for my mum's birthday");
  const cards = thread.getByTestId("assistant-product");
  await expect(cards.first()).toBeVisible();
  // Real prices: the card's price is the product page's.
  const name = (await cards.first().locator("a span").first().innerText()).trim();
  const price = (await cards.first().getByTestId("assistant-price").innerText()).trim();
  expect(price).toMatch(/^\$\d+\.\d{2}$/);

  // A product without options goes straight to the cart; one with options
  // opens its page to choose them.
  await addCardToCart(page, info, cards.first(), name);

  // Hand over to a person; a staff member answers from the inbox.
  await open(page, info, `/assistant?c=${conversation}`);
  await page.getByLabel("Your message").fill("Can I talk to a person?");
  await page.getByRole("button", { name: "Send" }).click();
  await settled(page, info);
  await expect(thread.locator("[data-role=assistant]").last()).toContainText("asked our team");
  if (info.project.name === "js-on") {
    await page.locator("[data-testid=assistant-live][data-listening]").waitFor({ state: "attached" });
  }

  const staffContext = await browser.newContext({ javaScriptEnabled: info.project.name !== "js-off" });
  const staff = await staffContext.newPage();
  await signIn(staff, info, "staff@bazaar.test");
  await open(staff, info, `/studio/inbox?c=${conversation}`);
  await staff.getByLabel("Your reply").fill("Hello! Theo here — I'd pick the peonies.");
  await staff.getByRole("button", { name: "Send reply" }).click();
  await settled(staff, info);
  await expect(staff.getByTestId("assistant-thread")).toContainText("Theo here");
  await staffContext.close();

  // With JavaScript the open page shows the reply by itself; without, on the next visit.
  if (info.project.name === "js-off") {
    await open(page, info, `/assistant?c=${conversation}`);
  }
  await expect(thread.locator("[data-role=staff]")).toContainText("Theo here", { timeout: 10_000 });
});
