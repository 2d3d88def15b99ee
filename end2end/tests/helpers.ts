import { readFileSync, readdirSync } from "node:fs";
import { Locator, Page, TestInfo, expect } from "@playwright/test";

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

/** Create an account through the sign-up page (signed in afterwards). */
export async function signUp(page: Page, info: TestInfo, name: string, email: string, password = "violets at dawn 42") {
  await open(page, info, "/register");
  const form = page.locator("main form");
  await form.getByLabel("Full name").fill(name);
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password", { exact: true }).fill(password);
  await form.getByLabel("Confirm password").fill(password);
  await form.getByRole("button", { name: "Create account" }).click();
  await settled(page, info);
}

/** Create an account (signed in afterwards) with one address in GB. */
export async function signUpWithAddress(page: Page, info: TestInfo, name: string, email: string, [line1, city, postal]: string[]) {
  await signUp(page, info, name, email);
  await open(page, info, "/account/addresses");
  const address = page.locator("main form").filter({ has: page.getByLabel("Postal code") });
  await address.getByLabel("Full name").fill(name);
  await address.getByLabel("Address", { exact: true }).fill(line1);
  await address.getByLabel("City").fill(city);
  await address.getByLabel("Postal code").fill(postal);
  await address.getByLabel("Country").fill("GB");
  await address.getByRole("button", { name: "Add address" }).click();
  await settled(page, info);
}

/** Put the product of an assistant's card in the cart: straight from the card,
 * or — a product with options — through its page. Ends on the cart. */
export async function addCardToCart(page: Page, info: TestInfo, card: Locator, name: string) {
  const direct = card.getByRole("button", { name: `Add ${name} to cart` });
  if ((await direct.count()) > 0) {
    await direct.click();
  } else {
    await card.getByRole("link", { name: "Choose options" }).click();
    await settled(page, info);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await page.getByRole("button", { name: "Add to cart" }).click();
  }
  await settled(page, info);
  await expect(page).toHaveURL(/\/cart\?added=1/);
  await expect(page.getByRole("list", { name: "Items in your cart" })).toContainText(name);
}

/** The shop's SMTP server (scripts/test runs one) as a folder of messages, or undefined. */
export const maildir = process.env.BAZAAR_E2E_MAILDIR;

/** The first delivered message containing every one of `parts` (waits up to 15 s). */
export async function mailWith(...parts: string[]): Promise<string> {
  let found = "";
  await expect
    .poll(() => {
      try {
        const dir = `${maildir}/new`;
        found = readdirSync(dir)
          .map((f) => readFileSync(`${dir}/${f}`, "utf8"))
          .find((m) => parts.every((p) => m.includes(p))) ?? "";
      } catch {
        found = "";
      }
      return found !== "";
    }, { timeout: 15_000 })
    .toBe(true);
  return found;
}

/** The token of a one-time link to `path` ("reset-password", "verify-email") in a message as delivered. */
export function linkToken(message: string, path: string): string {
  const plain = message.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const found = plain.match(new RegExp(`${path}\\?token=([0-9a-f]{64})`));
  expect(found, `a ${path} link in the mail`).not.toBeNull();
  return found![1];
}

/** Open the address-proving link mailed to `email` and confirm it (needs the shop's SMTP server). */
export async function confirmEmail(page: Page, info: TestInfo, email: string, subject = "Confirm your Bazaar email address") {
  const token = linkToken(await mailWith(`To: ${email}`, `Subject: ${subject}`), "verify-email");
  await open(page, info, `/verify-email?token=${token}`);
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await settled(page, info);
  await expect(page.getByRole("heading", { name: "Your address is confirmed" })).toBeVisible();
}
