// The publisher's whole flow by clicking, in Debian's Chromium against a real server (PRODUCT.md steps
// 1–8): sign in → New offer → a bad Offer ID refused inline → Create → licensing → plan → Plan description,
// Save draft → Copy service IDs and the plan-definition CSV → Technical configuration with a package URL →
// Review and publish → Preview link → Go live → Marketplace link → a visitor leaves a lead with Contact me
// → the publisher sees it in Leads and in the offer's audit log.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import {
  PUBLISHER,
  launchBrowser,
  newSession,
  packageZip,
  startFileServer,
  startSeatkeeper,
  toast,
  withArtifacts,
} from "./harness.mjs";

let server;
let files;
let browser;

before(async () => {
  server = await startSeatkeeper({ goLiveDelaySeconds: 2 });
  files = await startFileServer(new Map([["/packages/crm.zip", packageZip("contoso", ["contoso.crm.basic"])]]));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await files?.stop();
  await server?.stop();
});

test("a publisher takes an offer from New offer to live, and sees the lead a visitor leaves", async () => {
  const sessions = [];
  await withArtifacts("publisher-flow", () => sessions, server, async () => {
    const publisher = await newSession(browser, server.base, "publisher");
    sessions.push(publisher);
    const { page } = publisher;
    const offerPosts = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/offers") offerPosts.push(r.url());
    });

    // Sign in: a bookmark of Partner Center leads to the sign-in page and back.
    await page.goto("/partner");
    await page.waitForURL(/\/signin\?next=%2Fpartner$/);
    await page.getByLabel("E-mail address").fill(PUBLISHER.email);
    await page.getByLabel("Password").fill(PUBLISHER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/partner$/);
    await page.getByText("No offers yet").waitFor();

    // New offer → Dynamics 365 for Customer Engagement & PowerApps.
    await page.getByRole("button", { name: "New offer" }).first().click();
    await page.getByRole("menuitem", { name: "Dynamics 365 for Customer Engagement & PowerApps" }).click();
    await page.waitForURL(/\/partner\/offers\/new\?type=dynamics-365-ce-powerapps$/);

    // A bad Offer ID is refused inline, before anything is sent.
    const offerId = page.getByLabel("Offer ID");
    await offerId.fill("Contoso CRM");
    await page.getByText("Offer ID can't contain spaces").waitFor();
    await offerId.fill("CRM");
    await page.getByText("Offer ID must use lowercase letters only").waitFor();
    await page.getByRole("button", { name: "Create" }).click();
    assert.equal(offerPosts.length, 0, "Create must not send a refused Offer ID");
    await page.getByText("Offer alias is required").waitFor();

    await offerId.fill("crm");
    await page.getByLabel("Offer alias").fill("Contoso CRM (FY27)");
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(/\/partner\/offers\/crm\/setup$/);
    await toast(page, "Offer created").waitFor();
    assert.equal(offerPosts.length, 1);

    // Offer setup: licensing options and the listing.
    await page.getByText("This is a one-time setting, and you can't change it once your offer is published.", { exact: false }).waitFor();
    await page.getByRole("radiogroup", { name: "Call to action" }).waitFor(); // shown while license management is off
    await page.getByLabel("Enable app license management").check();
    await assert.rejects(page.getByRole("radiogroup", { name: "Call to action" }).waitFor({ timeout: 500 }));
    await page.getByLabel("Name", { exact: true }).fill("Contoso CRM");
    await page.getByLabel("Search results summary").fill("Sales pipeline and accounts for Dynamics 365");
    await page.getByLabel("Description").fill("Pipeline tracking, account hierarchies and forecasting.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await toast(page, "Draft saved").waitFor();

    // Plan overview → Create new plan → Plan listing with Save draft.
    await page.getByRole("navigation", { name: "Offer" }).getByRole("link", { name: "Plan overview" }).click();
    await page.getByText("No plans yet").waitFor();
    await page.getByRole("link", { name: "Create new plan" }).first().click();
    await page.getByLabel("Plan ID").fill("Basic");
    await page.getByText("Plan ID must use lowercase letters only").waitFor();
    await page.getByLabel("Plan ID").fill("basic");
    await page.getByLabel("Plan name").fill("Contoso CRM Basic");
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(/\/partner\/offers\/crm\/plans\/basic$/);
    await page.getByRole("heading", { name: "Plan listing: Contoso CRM Basic" }).waitFor();
    await page.getByLabel("Plan description").fill("Accounts, contacts and opportunities for small sales teams.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await toast(page, "Draft saved").waitFor();

    // Copy service IDs and the plan-definition CSV.
    await page.getByRole("link", { name: "Plan overview" }).first().click();
    await page.getByTestId("service-id").filter({ hasText: "contoso.crm.basic" }).waitFor();
    await page.getByRole("button", { name: "Copy service IDs" }).click();
    await toast(page, "Service IDs copied").waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), "contoso.crm.basic");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export plan definitions (CSV)" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "crm-plans.csv");
    const csv = await readFile(await download.path(), "utf8");
    assert.match(csv, /^Service ID,Display name,More info URL\r\n/);
    assert.match(csv, /contoso\.crm\.basic,Contoso CRM Basic,/);

    // Technical configuration: Base License Model User, CRM Package URL.
    await page.getByRole("navigation", { name: "Offer" }).getByRole("link", { name: "Technical configuration" }).click();
    assert.equal(await page.getByRole("radio", { name: "User" }).isChecked(), true);
    await page.getByLabel("CRM Package URL").fill(files.url("/packages/crm.zip"));
    await page.getByRole("button", { name: "Save draft" }).click();
    await toast(page, "Draft saved").waitFor();

    // Review and publish → Preview.
    await page.getByRole("navigation", { name: "Offer" }).getByRole("link", { name: "Review and publish" }).click();
    await page.getByRole("button", { name: "Review and publish" }).click();
    await toast(page, "Submitted for review").waitFor();
    await page.getByTestId("offer-state").filter({ hasText: "Preview" }).waitFor({ timeout: 30000 });
    const previewLink = page.getByTestId("preview-link");
    assert.match((await previewLink.textContent()) ?? "", /\/marketplace\/product\/contoso\.crm\?preview=/);

    // The preview link shows the offer, marked as a preview.
    await previewLink.click();
    await page.waitForURL(/\/marketplace\/product\/contoso\.crm\?preview=/);
    await page.getByRole("heading", { name: "Contoso CRM", level: 1 }).waitFor();
    await page.getByText("This offer is not live yet.").waitFor();
    await page.getByText("Contoso CRM Basic").waitFor();
    await page.goBack();

    // Offer overview → Go live → publishing → live, with the Marketplace link. The setting is now locked.
    await page.getByRole("navigation", { name: "Offer" }).getByRole("link", { name: "Offer overview" }).click();
    await page.getByRole("button", { name: "Go live" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Go live" }).click();
    await page.getByTestId("offer-state").filter({ hasText: /Publishing|Live/ }).waitFor();
    await page.getByTestId("offer-state").filter({ hasText: "Live" }).waitFor({ timeout: 30000 });
    const marketplaceLink = page.getByTestId("marketplace-link");
    assert.equal(await marketplaceLink.textContent(), `${server.base}/marketplace/product/contoso.crm`);

    await page.getByRole("navigation", { name: "Offer" }).getByRole("link", { name: "Offer setup" }).click();
    await page.getByText("App license management is locked").waitFor();
    assert.equal(await page.getByLabel("Enable app license management").isDisabled(), true);

    await page.getByRole("navigation", { name: "Offer" }).getByRole("link", { name: "Offer overview" }).click();
    await page.getByTestId("marketplace-link").click();
    await page.waitForURL(/\/marketplace\/product\/contoso\.crm$/);
    await page.getByRole("button", { name: "Contact me" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Get it now" }).count(), 0, "license-managed: Contact me only");

    // A visitor, not signed in, finds the offer and leaves a lead.
    const visitor = await newSession(browser, server.base, "visitor");
    sessions.push(visitor);
    const v = visitor.page;
    await v.goto("/marketplace");
    await v.getByRole("searchbox", { name: "Search apps" }).fill("pipeline");
    await v.waitForURL(/\?q=pipeline$/);
    await v.getByRole("link", { name: "Contoso CRM" }).click();
    await v.waitForURL(/\/marketplace\/product\/contoso\.crm$/);
    await v.getByRole("button", { name: "Contact me" }).click();
    const dialog = v.getByRole("dialog", { name: "Contact me" });
    await dialog.getByRole("button", { name: "Send" }).click();
    await dialog.getByText("Enter your name").waitFor();
    await dialog.getByLabel("Name").fill("Alex Buyer");
    await dialog.getByLabel("E-mail address").fill("alex@fabrikam.example");
    await dialog.getByLabel("Company").fill("Fabrikam");
    await dialog.getByLabel("Message").fill("We would like 250 seats.");
    await dialog.getByRole("button", { name: "Send" }).click();
    await dialog.getByText("Thank you. Contoso Ltd has your details").waitFor();

    // The publisher sees the lead, and the audit log tells the story.
    await page.goto("/partner/leads");
    await page.getByRole("cell", { name: /Alex Buyer/ }).waitFor();
    await page.getByRole("cell", { name: "Fabrikam", exact: true }).waitFor();
    await page.getByRole("cell", { name: "We would like 250 seats." }).waitFor();
    await page.goto("/partner/offers/crm/audit");
    await page.getByRole("cell", { name: "Lead from Fabrikam" }).waitFor();
    await page.getByRole("cell", { name: "Status: Publishing → Live" }).waitFor();
    await page.getByRole("cell", { name: "Review passed" }).waitFor();

    // The overview lists the offer as Live; signing out ends the session.
    await page.goto("/partner");
    await page.getByRole("row", { name: /Contoso CRM \(FY27\).*Live/ }).waitFor();
    await page.getByRole("button", { name: /Account:/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin(\?|$)/);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await page.goto("/partner/leads");
    await page.waitForURL(/\/signin\?next=%2Fpartner%2Fleads$/);
  });
});
