import { expect, test } from "@playwright/test";
import { jsOn, open } from "./helpers";

test("the API reference is linked from the footer and renders from our own origin", async ({ page }, info) => {
  const shop = new URL(info.project.use.baseURL!).origin;
  const outside: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.protocol.startsWith("http") && url.origin !== shop) outside.push(r.url());
  });
  await open(page, info, "/");
  await page.getByRole("contentinfo").getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/api\/docs$/);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  await expect(page.getByText("There are no bearer tokens.", { exact: false })).toBeVisible();
  if (jsOn(info)) {
    // Swagger UI draws the document: the audit log's operation is among them.
    await expect(page.locator("#swagger-ui .opblock").first()).toBeVisible({ timeout: 20_000 });
    await expect(page.locator("#swagger-ui").getByText("/api/v1/admin/audit", { exact: true }).first()).toBeAttached();
  } else {
    const table = page.getByTestId("endpoints");
    await expect(table).toBeVisible();
    await expect(table.getByRole("row").filter({ hasText: "/api/v1/users/{id}/permissions" })).toContainText("PUT");
  }
  expect(outside).toEqual([]);
});
