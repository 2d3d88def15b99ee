import { expect, test } from "@playwright/test";
import { jsOn, open, settled, signIn } from "./helpers";

// One demo shop per project: a shop may be live once at a time, and the two
// projects run side by side.
const SELLER: Record<string, string> = {
  "js-on": "aisha@lumen-lab.example",
  "js-off": "jonah@saltwater-apothecary.example",
};

test("a seller schedules a stream and goes live; a viewer asks to be reminded, finds it live and sees what it features", async ({ page, browser }, info) => {
  const title = `Studio hour ${info.project.name} ${Date.now()}`;
  await signIn(page, info, SELLER[info.project.name]);
  await open(page, info, "/studio/streams");
  await expect(page.getByRole("heading", { level: 1, name: "Your streams" })).toBeVisible();

  // Without a title the form comes back with the reason next to the field.
  await page.getByRole("button", { name: "Schedule" }).click();
  await settled(page, info);
  await expect(page.locator("#field-title-msg")).toContainText("Give the stream a title.");

  await page.getByLabel("Title").fill(title);
  await page.getByLabel("What you will show").fill("Our winter serums, with questions answered live.");
  await page.getByLabel("Tags").fill("serums, winter");
  const choice = page.locator("label").filter({ has: page.locator('input[name="product_ids[]"]') }).first();
  const productTitle = (await choice.innerText()).trim();
  await choice.locator("input").check();
  await page.getByRole("button", { name: "Schedule" }).click();
  await settled(page, info);
  await expect(page).toHaveURL(/\/studio\/streams\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("stream-status")).toHaveText("Upcoming");
  const id = page.url().split("/").pop()!;

  // A signed-in shopper asks to be reminded.
  const viewerContext = await browser.newContext({ javaScriptEnabled: jsOn(info) });
  const viewer = await viewerContext.newPage();
  await signIn(viewer, info, "customer@bazaar.test");
  await open(viewer, info, `/live/${id}`);
  await expect(viewer.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(viewer.getByRole("link", { name: productTitle })).toBeVisible();
  await viewer.getByRole("button", { name: "Remind me by email" }).click();
  await settled(viewer, info);
  await expect(viewer.getByTestId("reminder-on")).toBeVisible();

  // The seller goes live from the console.
  await expect(page.getByTestId("reminders")).toContainText("asked to be reminded");
  await page.getByRole("button", { name: "Go live", exact: true }).click();
  await settled(page, info);
  await expect(page.getByTestId("stream-status")).toHaveText("Live");
  await expect(page.getByText("You are live.")).toBeVisible();

  // The viewer finds it under "Live now" and opens it.
  await open(viewer, info, "/live");
  const liveNow = viewer.locator("section", { has: viewer.getByRole("heading", { name: "Live now" }) });
  await liveNow.getByRole("link", { name: title }).click();
  await settled(viewer, info);
  await expect(viewer.getByTestId("stream-status")).toHaveText("Live");
  await expect(viewer.getByRole("heading", { name: "Featured in this stream" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: productTitle })).toBeVisible();

  // The viewer chats; the seller's console shows it (live with JavaScript, on reload without).
  const words = `Is it good for dry skin? ${info.project.name}`;
  await viewer.getByRole("textbox", { name: "Message" }).fill(words);
  await viewer.getByRole("button", { name: "Send" }).click();
  if (!jsOn(info)) {
    await settled(viewer, info);
  }
  await expect(viewer.getByTestId("chat-messages")).toContainText(words);
  if (!jsOn(info)) {
    await open(page, info, `/studio/streams/${id}`);
  }
  await expect(page.getByTestId("chat-messages")).toContainText(words);

  // The seller pins a product from the tray; the viewer sees it pinned.
  await page.getByRole("button", { name: `Pin ${productTitle}` }).click();
  await settled(page, info);
  await expect(page.getByText("Viewers see the pinned product now.")).toBeVisible();
  if (!jsOn(info)) {
    await open(viewer, info, `/live/${id}`);
  }
  await expect(viewer.getByTestId("pinned")).toContainText(productTitle);

  // Ended: off "Live now".
  await page.getByRole("button", { name: "End the stream" }).click();
  await settled(page, info);
  await expect(page.getByTestId("stream-status")).toHaveText("Ended");
  await open(viewer, info, `/live/${id}`);
  await expect(viewer.getByTestId("stream-stage")).toContainText("This stream has ended");
  await viewerContext.close();
});
