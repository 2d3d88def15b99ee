import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { jsOn, open, settled, signIn, signUp } from "./helpers";

/** RFC 6238 code (SHA-1, 6 digits) of a base32 key at 30-second step `step`. */
function totp(base32: string, step: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of base32.replace(/[\s=]/g, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", key).update(counter).digest();
  const at = mac[mac.length - 1] & 0xf;
  const n = (mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000;
  return n.toString().padStart(6, "0");
}

const stepNow = () => Math.floor(Date.now() / 30_000);

test("turn on two-step sign-in, then sign in with a code", async ({ page, browser }, info) => {
  const email = `two-step-${info.project.name}-${Date.now()}@example.com`;
  await signUp(page, info, "Tomas Twostep", email);
  await open(page, info, "/account/security");
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await settled(page, info);
  await expect(page.getByRole("img", { name: "QR code of your two-step sign-in key" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Turn on", exact: true }).click();
  await settled(page, info);
  await expect(page.getByText("That code is not right")).toBeVisible();
  await page.getByLabel("Code from the app").fill(totp(secret, stepNow()));
  await page.getByRole("button", { name: "Turn on", exact: true }).click();
  await settled(page, info);
  await expect(page.getByText("Two-step sign-in is on. Save these recovery codes now.")).toBeVisible();
  await expect(page.getByTestId("recovery-code")).toHaveCount(10);
  await open(page, info, "/account/security");
  await expect(page.getByTestId("recovery-code")).toHaveCount(10);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await settled(page, info);
  await expect(page.getByTestId("recovery-code")).toHaveCount(0);
  await expect(page.getByText("10 recovery codes left.")).toBeVisible();

  // Another browser: the password, then the code.
  const other = await browser.newContext({ javaScriptEnabled: jsOn(info) });
  const b = await other.newPage();
  await signIn(b, info, email, "violets at dawn 42");
  await expect(b).toHaveURL(/\/login\/2fa/);
  await expect(b.getByRole("heading", { name: "Enter your code" })).toBeVisible();
  await open(b, info, "/account");
  await expect(b).toHaveURL(/\/login\?next=/);
  await signIn(b, info, email, "violets at dawn 42");
  await b.getByLabel("Code", { exact: true }).fill(totp(secret, stepNow() + 1));
  await b.getByRole("button", { name: "Sign in" }).click();
  await settled(b, info);
  await open(b, info, "/account/security");
  await expect(b.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await expect(b.getByRole("list", { name: "Security activity" }).getByText("Two-step sign-in turned on")).toBeVisible();
  await other.close();
});
