// What Partner Center refuses, and how it says so: a wrong password; a page bookmarked while signed out
// comes back after sign-in; an Offer ID the server refuses (taken) shown by the field; a review that fails
// shows notifications, each linking to the field to fix, which gets the focus.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  apiClient,
  launchBrowser,
  newSession,
  packageZip,
  PUBLISHER,
  signIn,
  startFileServer,
  startSeatkeeper,
  submitSignIn,
  withArtifacts,
} from "./harness.mjs";

let server;
let files;
let browser;

before(async () => {
  server = await startSeatkeeper();
  // A package that lacks the plan's Service ID and carries one that belongs to no plan.
  files = await startFileServer(new Map([["/packages/wrong.zip", packageZip("contoso", ["contoso.refused.other"])]]));
  browser = await launchBrowser();
  const call = await apiClient(server.base, PUBLISHER.email, PUBLISHER.password);
  await call("POST", "/api/v1/offers", { id: "refused", alias: "Refused offer", type: "dynamics-365-ce-powerapps" });
  await call("PATCH", "/api/v1/offers/refused", {
    licensing: { license_management: true },
    listing: { name: "Refused", summary: "A summary" }, // no description
    technical_configuration: { package_url: files.url("/packages/wrong.zip") },
  });
  await call("POST", "/api/v1/offers/refused/plans", { id: "basic", name: "Basic" }); // no description
});

after(async () => {
  await browser?.close();
  await files?.stop();
  await server?.stop();
});

test("sign-in refuses a wrong password and returns to the bookmarked page", async () => {
  const sessions = [];
  await withArtifacts("refusal-signin", () => sessions, server, async () => {
    const s = await newSession(browser, server.base, "publisher");
    sessions.push(s);
    const { page } = s;
    await page.goto("/partner/offers/refused/technical");
    await page.waitForURL(/\/signin\?next=%2Fpartner%2Foffers%2Frefused%2Ftechnical$/);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Enter your e-mail address").waitFor();
    await submitSignIn(page, PUBLISHER.email, "not-the-password");
    await page.getByRole("alert").or(page.locator(".fui-MessageBar")).first().waitFor();
    assert.match((await page.locator(".fui-MessageBar").first().textContent()) ?? "", /password/i);
    await page.getByLabel("Password").fill(PUBLISHER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/partner\/offers\/refused\/technical$/);
    await page.getByLabel("CRM Package URL").waitFor();
  });
});

test("an Offer ID the server refuses is shown by the field", async () => {
  const sessions = [];
  await withArtifacts("refusal-offer-id", () => sessions, server, async () => {
    const s = await newSession(browser, server.base, "publisher");
    sessions.push(s);
    const { page } = s;
    await signIn(page, PUBLISHER.email, {
      next: "/partner/offers/new?type=dynamics-365-ce-powerapps",
      password: PUBLISHER.password,
    });
    // Too long together with the publisher ID: refused before submit, with the server's words.
    await page.getByLabel("Offer ID").fill("a".repeat(33));
    await page.getByText("Offer ID combined with the publisher ID must be under 40 characters", { exact: false }).waitFor();
    // Taken: only the server knows; its message appears by the field.
    await page.getByLabel("Offer ID").fill("refused");
    await page.getByLabel("Offer alias").fill("Another alias");
    await page.getByRole("button", { name: "Create" }).click();
    const field = page.locator(".fui-Field").filter({ has: page.getByLabel("Offer ID") });
    await field.getByText(/already|exists|taken|duplicate/i).waitFor();
    assert.equal(new URL(page.url()).pathname, "/partner/offers/new");
  });
});

test("a failed review lists notifications that link to the field to fix", async () => {
  const sessions = [];
  await withArtifacts("refusal-review", () => sessions, server, async () => {
    const s = await newSession(browser, server.base, "publisher");
    sessions.push(s);
    const { page } = s;
    await signIn(page, PUBLISHER.email, { next: "/partner/offers/refused/review", password: PUBLISHER.password });
    await page.getByRole("button", { name: "Review and publish" }).click();
    await page.getByTestId("offer-state").filter({ hasText: "Needs attention" }).waitFor({ timeout: 30000 });

    const notes = page.getByRole("list", { name: "Review notifications" });
    await notes.getByText("the description is missing").waitFor();
    await notes.getByText("Plan 'basic' has no description").waitFor();
    await notes.getByText("Service ID contoso.refused.basic of plan 'basic' is not in the package").waitFor();
    await notes.getByText("Service ID contoso.refused.other in the package belongs to no plan of this offer").waitFor();

    // Each links to its field, which gets the focus.
    await notes.getByRole("listitem").filter({ hasText: "is not in the package" }).getByTestId("notification-link").click();
    await page.waitForURL(/\/partner\/offers\/refused\/technical#technical_configuration\.package_url$/);
    await page.waitForFunction(() => document.activeElement?.id === "technical_configuration.package_url");

    await page.goBack();
    await notes.getByRole("listitem").filter({ hasText: "has no description" }).getByTestId("notification-link").click();
    await page.waitForURL(/\/partner\/offers\/refused\/plans\/basic#description$/);
    await page.waitForFunction(() => document.activeElement?.id === "description");

    await page.goBack();
    await notes.getByRole("listitem").filter({ hasText: "the description is missing" }).getByTestId("notification-link").click();
    await page.waitForURL(/\/partner\/offers\/refused\/setup#listing\.description$/);
    await page.waitForFunction(() => document.activeElement?.id === "listing.description");
  });
});
