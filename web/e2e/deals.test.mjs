// Referrals → Deal Registration → deal overview → Manage licenses, by clicking, against a real server with the
// demo data (PRODUCT.md steps 9–11): register a deal (a mistake shown by its field first), the Submitted tab,
// move it to In Progress, invite the customer to consent and copy the link, a move the server refuses;
// licenses on the demo's won Fabrikam deal (update, lower below the assigned seats → refused with both
// numbers → kept, trash with confirmation → forced, add the plan back); a consented customer chosen from
// Customer details; the demo's install in Installations.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DEMO_PASSWORD,
  demoSuite,
  newSession,
  signIn,
  toast,
  withArtifacts,
} from "./harness.mjs";

const ADMIN = { email: "admin@contoso.example", password: DEMO_PASSWORD };

const demo = demoSuite();

// The customer's Contoso CRM deal (the demo's Fabrikam also has a Field Service one).
async function dealIdOf(customerName) {
  const deals = await demo.call("GET", "/api/v1/deals");
  const deal = deals.items.find((d) => d.customer.name === customerName && d.offer_id === "crm");
  assert.ok(deal, `no deal for ${customerName}`);
  return deal.id;
}

test("register a deal, find it under Submitted, move it to In Progress, invite the customer, a refused move", async () => {
  const sessions = [];
  await withArtifacts("deals-register", () => sessions, demo.server, async () => {
    const s = await newSession(demo.browser, demo.server.base, "publisher");
    sessions.push(s);
    const { page } = s;
    await signIn(page, ADMIN.email, { next: "/partner/referrals/deals" });
    await page.getByRole("navigation", { name: "Partner Center" }).getByRole("link", { name: "Referrals" }).waitFor();
    const deals = page.getByRole("table", { name: "Deals" });
    // Fabrikam has two won deals in the demo (Contoso CRM, Field Service).
    await deals.getByRole("link", { name: "Fabrikam, Inc." }).first().waitFor();

    // + New deal: a mistake is shown by its field before anything is sent.
    await page.getByRole("link", { name: "New deal" }).click();
    await page.waitForURL(/\/partner\/referrals\/deals\/new$/);
    await page.getByLabel("Company name").fill("Litware, Inc.");
    await page.getByLabel("Domain").fill("litware");
    await page.getByLabel("Contact e-mail").fill("it@litware.example");
    await page.getByText("Enter a domain name such as fabrikam.example").waitFor();
    await page.getByLabel("Domain").fill("litware.example");
    await page.getByRole("combobox", { name: "Offer" }).click();
    await page.getByRole("option", { name: /Contoso CRM \(FY27\)/ }).click();
    await page.getByRole("checkbox", { name: /Contoso CRM Basic/ }).check();
    await page.getByLabel("Expected seats").fill("40");
    await page.getByLabel("Deal value").fill("12500.505");
    await page.getByLabel("Expected close date").fill("2027-06-30");
    await page.getByRole("button", { name: "Register deal" }).click();
    await page.getByText("Enter an amount such as 12500.50 (at most two decimals).").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "value");
    await page.getByLabel("Deal value").fill("12500.50");
    await page.getByRole("button", { name: "Register deal" }).click();
    await page.waitForURL(/\/partner\/referrals\/deals\/deal_[^/]+$/);
    await toast(page, "Deal registered").waitFor();
    assert.equal(await page.getByTestId("deal-state").textContent(), "Submitted");
    const details = page.getByRole("table", { name: "Deal details" });
    await details.getByText("Litware, Inc. · litware.example").waitFor();
    await details.getByText(/\$12,500\.50/).waitFor();
    const dealUrl = page.url();
    const dealId = dealUrl.split("/").pop();

    // The Submitted tab lists it (bookmarkable), not the won Fabrikam deal.
    await page.getByRole("link", { name: "Deal Registration" }).click();
    await page.getByRole("tab", { name: "Submitted" }).click();
    await page.waitForURL(/\/partner\/referrals\/deals\?state=submitted$/);
    // The list of all deals (Litware among them) may still show for a moment: wait for the filtered one.
    await deals.getByRole("link", { name: "Fabrikam, Inc." }).first().waitFor({ state: "detached" });
    await deals.getByRole("link", { name: "Litware, Inc." }).waitFor();
    await page.getByRole("tab", { name: "Won" }).click();
    await deals.getByRole("link", { name: "Litware, Inc." }).waitFor({ state: "detached" });
    await deals.getByRole("link", { name: "Fabrikam, Inc." }).first().waitFor();
    await page.getByRole("tab", { name: "Submitted" }).click();
    await deals.getByRole("link", { name: "Litware, Inc." }).click();

    // Move to In Progress.
    await page.getByRole("button", { name: "Move to In Progress" }).click();
    await toast(page, "Deal is In Progress").waitFor();
    assert.equal(await page.getByTestId("deal-state").textContent(), "In Progress");
    assert.deepEqual(
      await page.getByRole("region", { name: "Status" }).getByRole("button").allTextContents(),
      ["Mark as won", "Mark as lost", "Withdraw"],
    );

    // Manage licenses: nothing until the customer consents, and the page says why.
    await page.getByRole("tab", { name: "Manage licenses" }).click();
    await page.waitForURL(/\/licenses$/);
    await page.getByTestId("licenses-blocked").getByText("Licenses can be added once the customer consents").waitFor();
    assert.equal(await page.getByRole("button", { name: "Add a plan" }).isDisabled(), true);
    assert.equal(await page.getByRole("button", { name: "Update licenses" }).isDisabled(), true);

    // + Invite a new customer to consent: the link is shown once, copied with the button, and mailed.
    await page.getByRole("button", { name: "Invite a new customer to consent" }).click();
    const dialog = page.getByRole("dialog");
    assert.equal(await dialog.getByLabel("Customer admin's e-mail address").inputValue(), "it@litware.example");
    await dialog.getByRole("button", { name: "Create invitation" }).click();
    const shown = page.getByTestId("invitation-link");
    await shown.waitFor();
    const link = await shown.getByLabel("Invitation link").inputValue();
    assert.match(link, new RegExp(`^${demo.server.base}/admin/invitations/[A-Za-z0-9_-]{43}$`));
    await shown.getByText(/it@litware\.example/).first().waitFor();
    assert.match((await shown.textContent()) ?? "", /mail/i);
    await shown.getByRole("button", { name: "Copy link" }).click();
    await toast(page, "Link copied").waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    // The link works: anyone holding it may read what it asks.
    const invitation = await (await fetch(`${demo.server.base}/api/v1/invitations/${link.split("/").pop()}`)).json();
    assert.equal(invitation.customer_name, "Litware, Inc.");
    await page.getByTestId("relationship").getByText("An invitation is waiting").waitFor();

    // A move refused by the server (the deal was withdrawn meanwhile elsewhere): its words are shown.
    await page.getByRole("tab", { name: "Deal overview" }).click();
    await page.getByRole("button", { name: "Mark as won" }).waitFor();
    await demo.call("PATCH", `/api/v1/deals/${dealId}`, { state: "withdrawn" });
    await page.getByRole("button", { name: "Mark as won" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Mark as won" }).click();
    const refused = page.getByTestId("transition-refused");
    await refused.getByText("A deal that is withdrawn can't become won; it is final").waitFor();
    await page.getByTestId("deal-state").getByText("Withdrawn").waitFor();
    assert.equal(await page.getByRole("button", { name: "Mark as won" }).count(), 0);

    // The deal's audit log has the whole story.
    await page.getByRole("tab", { name: "Audit log" }).click();
    const log = page.getByRole("table", { name: "Audit log" });
    await log.getByText("Deal registered").waitFor();
    await log.getByText("Status: Submitted → In Progress").waitFor();
    await log.getByText("Customer invited to consent (it@litware.example)").waitFor();
    await log.getByText("Status: In Progress → Withdrawn").waitFor();
  });
});

test("licenses on the won Fabrikam deal: update, refused below the assigned seats, trash with confirmation, add a plan", async () => {
  const sessions = [];
  await withArtifacts("deals-licenses", () => sessions, demo.server, async () => {
    const s = await newSession(demo.browser, demo.server.base, "publisher");
    sessions.push(s);
    const { page } = s;
    const dealId = await dealIdOf("Fabrikam, Inc.");
    await signIn(page, ADMIN.email, { next: `/partner/referrals/deals/${dealId}/licenses` });
    const customer = page.getByRole("combobox", { name: "Customer details" });
    assert.match((await customer.textContent()) ?? "", /Fabrikam, Inc\. \(fabrikam\.example\)/);
    assert.equal(await customer.isDisabled(), true);
    const table = page.getByRole("table", { name: "Licenses" });
    const basic = page.getByLabel("Number of licenses for Contoso CRM Basic");
    assert.equal(await basic.inputValue(), "50");
    assert.equal(await page.getByLabel("Number of licenses for Contoso CRM Premium").inputValue(), "10");
    await table.getByText("contoso.crm.basic").waitFor();

    // Lower below the 8 assigned users: refused with both numbers, and the forced way is offered with a warning.
    await basic.fill("5");
    await page.getByRole("button", { name: "Update licenses" }).click();
    const warning = page.getByTestId("below-assigned");
    await warning.getByText("The customer has 8 users assigned to contoso.crm.basic; the licenses would leave 5").waitFor();
    await warning.getByText("they lose access at once").waitFor();
    await warning.getByRole("button", { name: "Keep as is" }).click();
    assert.equal(await warning.count(), 0);

    // Change the number and Update licenses again.
    await basic.fill("60");
    await page.getByRole("button", { name: "Update licenses" }).click();
    await toast(page, "Licenses updated").waitFor();
    await page.getByRole("button", { name: "Update licenses" }).and(page.locator(":disabled")).waitFor();
    assert.equal(await basic.inputValue(), "60");
    assert.equal((await demo.call("GET", `/api/v1/deals/${dealId}/licenses`)).items.find((r) => r.plan_id === "basic").quantity, 60);

    // The trash icon asks first; with 2 users holding Premium seats it is refused, then forced.
    await page.getByRole("button", { name: "Remove the licenses for Contoso CRM Premium" }).click();
    const confirm = page.getByRole("dialog");
    await confirm.getByText("Remove the licenses for Contoso CRM Premium?").waitFor();
    await confirm.getByRole("button", { name: "Remove licenses" }).click();
    await confirm.getByText("The customer has 2 users assigned to contoso.crm.premium").waitFor();
    await confirm.getByRole("button", { name: "Remove and unassign users" }).click();
    await toast(page, "Licenses removed").waitFor();
    await page.getByTestId("license-premium").getByText("Removed (10)").waitFor();

    // + Add a plan brings it back with a new number.
    await page.getByRole("button", { name: "Add a plan" }).click();
    await page.getByRole("combobox", { name: "Plans for this solution" }).click();
    await page.getByRole("option", { name: /Contoso CRM Premium \(contoso\.crm\.premium\)/ }).click();
    await page.getByRole("group", { name: "Add a plan" }).getByRole("textbox").fill("15");
    await page.getByRole("button", { name: "Update licenses" }).click();
    await toast(page, "Licenses updated").waitFor();
    await page.getByLabel("Number of licenses for Contoso CRM Premium").waitFor();
    assert.equal(await page.getByLabel("Number of licenses for Contoso CRM Premium").inputValue(), "15");
    const rows = (await demo.call("GET", `/api/v1/deals/${dealId}/licenses`)).items;
    assert.deepEqual(
      rows.map((r) => [r.plan_id, r.quantity, r.active]),
      [["basic", 60, true], ["premium", 15, true]],
    );
  });
});

test("a customer who consented is chosen from Customer details; a deal with licenses can't be lost", async () => {
  const sessions = [];
  await withArtifacts("deals-customer", () => sessions, demo.server, async () => {
    const deal = await demo.call("POST", "/api/v1/deals", {
      customer: { name: "Fabrikam (EMEA)", domain: "fabrikam.example", contact_email: "billing@fabrikam.example" },
      offer_id: "crm",
      plan_ids: ["basic"],
      seats: 5,
      value: 500,
      close_date: "2027-01-31",
    });
    await demo.call("PATCH", `/api/v1/deals/${deal.id}`, { state: "in_progress" });
    const s = await newSession(demo.browser, demo.server.base, "publisher");
    sessions.push(s);
    const { page } = s;
    await signIn(page, ADMIN.email, { next: `/partner/referrals/deals/${deal.id}` });

    // Edit the open deal: only what changed is sent, and the details show it.
    await page.getByRole("button", { name: "Edit deal" }).click();
    const edit = page.getByRole("form", { name: "Edit deal" });
    await edit.getByLabel("Expected seats").fill("");
    await edit.getByRole("button", { name: "Save" }).click();
    await edit.getByText("Enter the expected number of seats.").waitFor();
    await edit.getByLabel("Expected seats").fill("12");
    await edit.getByRole("checkbox", { name: /Contoso CRM Premium/ }).check();
    await edit.getByRole("button", { name: "Save" }).click();
    await toast(page, "Deal saved").waitFor();
    const details = page.getByRole("table", { name: "Deal details" });
    await details.getByRole("row", { name: /Expected seats 12/ }).waitFor();
    await details.getByText("Contoso CRM Basic (contoso.crm.basic), Contoso CRM Premium (contoso.crm.premium)").waitFor();
    assert.deepEqual((await demo.call("GET", `/api/v1/deals/${deal.id}`)).plan_ids, ["basic", "premium"]);

    await page.getByRole("link", { name: "Manage licenses" }).click();
    await page.waitForURL(/\/licenses$/);
    await page.getByRole("combobox", { name: "Customer details" }).click();
    await page.getByRole("option", { name: "Fabrikam, Inc. (fabrikam.example)" }).click();
    await page.getByRole("button", { name: "Use this customer for the deal" }).click();
    await toast(page, "Customer set").waitFor();
    await page.getByTestId("relationship").getByText("Fabrikam, Inc. consented to you.").waitFor();
    await page.getByRole("button", { name: "Add a plan" }).click();
    await page.getByRole("combobox", { name: "Plans for this solution" }).click();
    await page.getByRole("option", { name: /Contoso CRM Basic/ }).click();
    await page.getByRole("group", { name: "Add a plan" }).getByRole("textbox").fill("3");
    await page.getByRole("button", { name: "Update licenses" }).click();
    await toast(page, "Licenses updated").waitFor();
    await page.getByLabel("Number of licenses for Contoso CRM Basic").waitFor();

    await page.getByRole("tab", { name: "Deal overview" }).click();
    await page.getByRole("button", { name: "Mark as lost" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Mark as lost" }).click();
    await page.getByTestId("transition-refused").waitFor();
    assert.match((await page.getByTestId("transition-refused").textContent()) ?? "", /licen/i);
    assert.equal(await page.getByTestId("deal-state").textContent(), "In Progress");
  });
});

test("Installations lists the demo's install for a viewer, at phone width; deals are for account admins", async () => {
  const sessions = [];
  await withArtifacts("deals-installations", () => sessions, demo.server, async () => {
    const s = await newSession(demo.browser, demo.server.base, "phone", { viewport: { width: 390, height: 844 } });
    sessions.push(s);
    const { page } = s;
    await signIn(page, "viewer@contoso.example", { next: "/partner/installations" });
    const table = page.getByRole("table", { name: "Installations" });
    const row = table.getByRole("row").filter({ hasText: "Fabrikam, Inc." });
    await row.getByText("Production").waitFor();
    await row.getByRole("link", { name: "Contoso CRM (FY27)" }).waitFor();
    await row.getByText("contoso.crm", { exact: true }).waitFor();
    // No sideways scroll of the page itself at phone width (the table scrolls in its own box).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await page.getByRole("navigation", { name: "Partner Center" }).getByRole("link", { name: "Referrals" }).click();
    await page.getByText("Deals are managed by account admins").waitFor();
    assert.equal(await page.getByRole("link", { name: "New deal" }).count(), 0);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0);
  });
});
