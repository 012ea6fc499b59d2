// The whole flow by clicking, in Debian's Chromium against a real server, across the three surfaces.
// First test (PRODUCT.md steps 1–8): sign in → New offer → a bad Offer ID refused inline → Create →
// licensing → plan → Plan description, Save draft → Copy service IDs and the plan-definition CSV → Technical
// configuration with a package URL → Review and publish → Preview link → Go live → Marketplace link → a
// visitor leaves a lead with Contact me → the publisher sees it in Leads and in the offer's audit log.
// Second test (steps 9–13, on the offer the first one took live), with two browser contexts side by side —
// the publisher in Partner Center and a new customer's admin in the Admin Center: register the deal → In
// Progress → invite the customer to consent → the customer's admin opens the link, creates the organization
// and accepts → the publisher sees the consent and adds licenses → the customer assigns them, an
// over-capacity assignment refused first → the app's runtime check agrees → the deal's audit log.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import {
  apiClient,
  launchBrowser,
  mailedSignupCode,
  newSession,
  packageZip,
  PUBLISHER,
  startFileServer,
  startSeatkeeper,
  submitSignIn,
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
    await submitSignIn(page, PUBLISHER.email, PUBLISHER.password);
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
    await page.getByText("Contoso CRM Basic", { exact: true }).waitFor();
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

test("the publisher sells the live offer: deal, consent in the customer's Admin Center, licenses, seats, runtime check", async () => {
  const sessions = [];
  await withArtifacts("sell-and-assign", () => sessions, server, async () => {
    const publisher = await newSession(browser, server.base, "publisher");
    const customer = await newSession(browser, server.base, "customer-admin");
    sessions.push(publisher, customer);
    const page = publisher.page;
    const admin = customer.page;

    // Partner Center: Referrals → Deal Registration → New deal.
    await page.goto("/partner/referrals/deals");
    await submitSignIn(page, PUBLISHER.email, PUBLISHER.password);
    await page.waitForURL(/\/partner\/referrals\/deals$/);
    await page.getByRole("link", { name: "New deal" }).click();
    await page.getByLabel("Company name").fill("Litware, Inc.");
    await page.getByLabel("Domain").fill("litware.example");
    await page.getByLabel("Contact e-mail").fill("it@litware.example");
    await page.getByRole("combobox", { name: "Offer" }).click();
    await page.getByRole("option", { name: /Contoso CRM \(FY27\)/ }).click();
    await page.getByRole("checkbox", { name: /Contoso CRM Basic/ }).check();
    await page.getByLabel("Expected seats").fill("3");
    await page.getByLabel("Deal value").fill("900");
    await page.getByLabel("Expected close date").fill("2027-03-31");
    await page.getByRole("button", { name: "Register deal" }).click();
    await page.waitForURL(/\/partner\/referrals\/deals\/deal_[^/]+$/);
    const dealId = page.url().split("/").pop();
    await page.getByRole("button", { name: "Move to In Progress" }).click();
    await toast(page, "Deal is In Progress").waitFor();

    // Manage licenses → + Invite a new customer to consent → the link, shown once.
    await page.getByRole("tab", { name: "Manage licenses" }).click();
    await page.getByRole("button", { name: "Invite a new customer to consent" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Create invitation" }).click();
    const link = await page.getByTestId("invitation-link").getByLabel("Invitation link").inputValue();

    // The customer's admin (another browser, nobody signed in) opens the link: who asks for what.
    await admin.goto(new URL(link).pathname);
    await admin.getByText("Contoso Ltd", { exact: false }).first().waitFor();
    await admin.getByText("Contoso CRM", { exact: false }).first().waitFor();
    await admin.getByRole("button", { name: "New to Seatkeeper? Create your organization" }).click();
    const form = admin.getByRole("form", { name: "Create your organization" });
    assert.equal(await form.getByLabel("Organization name").inputValue(), "Litware, Inc.");
    await form.getByLabel("Your name").fill("Lin IT");
    await form.locator("#password").fill("litware-pass-1");
    await form.getByLabel("Confirm password").fill("litware-pass-1");
    await form.getByRole("button", { name: "Send code" }).click();
    await form.getByText("We mailed an 8-digit code", { exact: false }).waitFor();
    await form.getByLabel("Sign-up code").fill(mailedSignupCode(server, "it@litware.example"));
    await form.getByRole("button", { name: "Create organization" }).click();
    await toast(admin, "Organization created").waitFor();
    await admin.getByRole("button", { name: "Accept" }).click();
    await admin.getByTestId("invitation-state").getByText("Accepted").waitFor();

    // Partner Center sees the consent (the page checks while an invitation waits) and adds 3 licenses.
    await page.getByTestId("relationship").getByText("Litware, Inc. consented to you.").waitFor({ timeout: 20000 });
    await page.getByRole("button", { name: "Add a plan" }).click();
    await page.getByRole("combobox", { name: "Plans for this solution" }).click();
    await page.getByRole("option", { name: /Contoso CRM Basic \(contoso\.crm\.basic\)/ }).click();
    await page.getByRole("group", { name: "Add a plan" }).getByRole("textbox").fill("3");
    await page.getByRole("button", { name: "Update licenses" }).click();
    await toast(page, "Licenses updated").waitFor();
    assert.equal(await page.getByLabel("Number of licenses for Contoso CRM Basic").inputValue(), "3");

    // Admin Center: the licenses are there; four users are one too many, three fit.
    await admin.getByRole("link", { name: "Licenses" }).first().click();
    const card = admin.getByRole("listitem", { name: "Contoso CRM Basic" });
    await card.getByTestId("stat-available").getByText("3").waitFor();
    await card.getByRole("link", { name: "Contoso CRM Basic" }).click();
    await admin.waitForURL(/\/admin\/licenses\/contoso\.crm\.basic$/);
    const users = ["ana", "ben", "cy", "dee"].map((n) => `${n}@litware.example`);
    await admin.getByRole("button", { name: "Assign users" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByLabel("User principal names to add").fill(users.join(", "));
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    await dialog.getByRole("button", { name: "Assign 4 users" }).click();
    await dialog.getByRole("alert").getByText("Not enough licenses").waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await admin.getByRole("button", { name: "Assign users" }).click();
    await dialog.getByLabel("User principal names to add").fill(users.slice(0, 3).join(", "));
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    await dialog.getByRole("button", { name: "Assign 3 users" }).click();
    await toast(admin, "Assigned Contoso CRM Basic").waitFor();
    await admin.getByTestId("stat-available").getByText("0").waitFor();

    // The app's runtime check (with an app API key) agrees with what the admin just did.
    const tenant = await admin.evaluate(async () => (await (await fetch("/api/v1/tenant")).json()).id);
    const partner = await apiClient(server.base, PUBLISHER.email, PUBLISHER.password);
    const { key } = await partner("POST", "/api/v1/api-keys", { role: "app", name: "CRM app" });
    const check = async (user) => {
      const q = `tenant=${tenant}&user=${encodeURIComponent(user)}&service_id=contoso.crm.basic`;
      const r = await fetch(`${server.base}/api/v1/check?${q}`, { headers: { Authorization: `Bearer ${key}` } });
      assert.equal(r.status, 200);
      return r.json();
    };
    assert.equal((await check(users[0])).result, "licensed");
    assert.deepEqual(await check(users[3]), { result: "denied", reason: "no_seat" });

    // The deal's audit log tells the story.
    await page.getByRole("tab", { name: "Audit log" }).click();
    await page.waitForURL(new RegExp(`/partner/referrals/deals/${dealId}/audit$`));
    await page.getByRole("cell", { name: "Customer accepted the invitation" }).waitFor();
    await page.getByRole("cell", { name: /Licenses added: .*3/ }).waitFor();
  });
});
