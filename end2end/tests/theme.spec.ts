import { expect, test } from "@playwright/test";
import { jsOn, open, settled } from "./helpers";

test("theme toggle switches and is remembered", async ({ page, context }, info) => {
  await page.emulateMedia({ colorScheme: "light" });
  await open(page, info, "/products");
  const html = page.locator("html");
  await expect(html).toHaveClass("auto");
  await page.getByTestId("theme-toggle").click();
  if (!jsOn(info)) await settled(page, info);
  await expect(html).toHaveClass("dark");
  await expect(page).toHaveURL(/\/products$/);
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === "theme")?.value).toBe("dark");

  await page.reload();
  await expect(html).toHaveClass("dark");
  const bg = await page.locator("body").evaluate((b) => getComputedStyle(b).backgroundColor).catch(() => null);
  if (bg) expect(bg).not.toBe("rgb(250, 250, 249)");

  await page.getByTestId("theme-toggle").click();
  if (!jsOn(info)) await settled(page, info);
  await expect(html).toHaveClass("light");
});
