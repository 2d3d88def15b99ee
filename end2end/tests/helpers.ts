import { Page, TestInfo } from "@playwright/test";

export const jsOn = (info: TestInfo) => info.project.name === "js-on";

/** Go to a page and, with JavaScript on, wait until it has hydrated. */
export async function open(page: Page, info: TestInfo, path: string) {
  const res = await page.goto(path);
  if (jsOn(info)) {
    await page.locator("body[data-hydrated]").waitFor();
  }
  return res;
}

/** After a click that navigates, wait for the new page to be ready. */
export async function settled(page: Page, info: TestInfo) {
  await page.waitForLoadState("domcontentloaded");
  if (jsOn(info)) {
    await page.locator("body[data-hydrated]").waitFor();
  }
}

/** The password of every demo account (`bazaar serve --demo`). */
export const DEMO_PASSWORD = "bazaar-demo-2026";

/** Sign `page` in as a demo account (or any account with `password`). */
export async function signIn(page: Page, info: TestInfo, email: string, password = DEMO_PASSWORD) {
  await open(page, info, "/login");
  const login = page.locator("main form");
  await login.getByLabel("Email").fill(email);
  await login.getByLabel("Password").fill(password);
  await login.getByRole("button", { name: "Sign in" }).click();
  await settled(page, info);
}
