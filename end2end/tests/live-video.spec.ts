import { expect, Page, test } from "@playwright/test";
import { jsOn, open, settled, signIn, signUpWithAddress } from "./helpers";

/** The `<video>`'s playback position and picture width. */
async function playback(page: Page) {
  return page.getByTestId("stream-video").evaluate((v: HTMLVideoElement) => [v.currentTime, v.videoWidth]);
}

test("a seller goes live with the camera; a viewer watches, chats, and buys the pinned product without leaving the stream", async ({ page, browser }, info) => {
  test.skip(!jsOn(info), "video needs JavaScript; without it the stream page shows the cover, the chat and the products");
  // A shop no other live test uses (one live stream per shop at a time).
  await signIn(page, info, "hannah@everlasting.example");
  const { id, title } = await page.evaluate(async () => {
    const list = await (await fetch("/api/v1/products?limit=100")).json();
    const product = list.data
      .filter((p: any) => p.seller.slug === "everlasting-dried-flower-co" && !p.has_variants && p.stock > 5)
      .sort((a: any, b: any) => b.stock - a.stock)[0];
    const made = await fetch("/api/v1/streams", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: `Wreath hour ${Date.now()}`, scheduled_at: new Date(Date.now() + 3600e3).toISOString(), product_ids: [product.id] }),
    });
    return { id: (await made.json()).id as string, title: product.title as string };
  });

  // The console: camera on (Chromium's test camera), preview, go live over WHIP.
  await open(page, info, `/studio/streams/${id}`);
  await page.getByRole("button", { name: "Turn camera on" }).click();
  await expect(page.getByTestId("camera-status")).toHaveText("Preview on. Go live when ready.");
  await expect(page.getByLabel("Camera", { exact: true })).not.toBeDisabled();
  await page.getByRole("button", { name: "Go live with this camera" }).click();
  await expect(page.getByTestId("camera-status")).toHaveText("Live: viewers see this camera.");
  await expect(page.getByTestId("stream-status")).toHaveText("Live");

  // A viewer's page plays it.
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signUpWithAddress(viewer, info, "Vera Viewer", `vera-${Date.now()}@example.com`, ["5 Mill Lane", "Bath", "BA1 1AA"]);
  await open(viewer, info, `/live/${id}`);
  await expect(viewer.getByTestId("stream-video")).toBeVisible();
  await expect.poll(async () => (await playback(viewer))[1], { message: "the picture has a width" }).toBeGreaterThan(0);
  const [before] = await playback(viewer);
  await expect.poll(async () => (await playback(viewer))[0], { message: "the video plays on" }).toBeGreaterThan(before + 1);

  // The viewer chats; the seller sees it live.
  const words = `Do the wreaths ship flat? ${Date.now()}`;
  await viewer.getByRole("textbox", { name: "Message" }).fill(words);
  await viewer.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("chat-messages")).toContainText(words);

  // The seller pins the product without the camera stopping.
  await page.getByRole("button", { name: `Pin ${title}` }).click();
  await expect(page.getByTestId("camera-status")).toHaveText("Viewers see the pinned product now.");
  await expect(page.getByRole("button", { name: `Unpin ${title}` })).toBeVisible();
  await expect(viewer.getByTestId("pinned")).toContainText(title);

  // Buy now: checkout in a drawer over the stream, cash on delivery.
  await viewer.getByTestId("pinned").getByRole("button", { name: "Buy now" }).click();
  const drawer = viewer.frameLocator('iframe[name="checkout-frame"]');
  await drawer.getByLabel("Cash on delivery").check();
  await drawer.getByRole("button", { name: /^Place order/ }).click();
  await expect(drawer.getByText("Thank you — your order is placed.")).toBeVisible();
  await expect(viewer).toHaveURL(new RegExp(`/live/${id}$`));
  const [now] = await playback(viewer);
  await expect.poll(async () => (await playback(viewer))[0], { message: "the stream kept playing" }).toBeGreaterThan(now + 0.5);
  await viewer.getByRole("button", { name: "Back to the stream" }).click();
  await expect(viewer.getByTestId("checkout-drawer")).toBeHidden();

  // The order counts toward the stream's takings; ending it stops the video.
  await page.getByRole("button", { name: "End the stream" }).click();
  await settled(page, info);
  await expect(page.getByTestId("stream-status")).toHaveText("Ended");
  await expect(page.getByTestId("takings")).toContainText("from 1 order");
  await viewerContext.close();
});
