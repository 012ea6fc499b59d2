// The Admin Center against the demo data (seatkeeper demo-seed): Fabrikam's licenses and their numbers;
// assigning users through the dialog (directory search, multi-select, typed UPNs, CSV import with a bad line
// named); an over-capacity assignment refused with the server's numbers and nothing assigned; groups; Get it
// now from the Marketplace, then in Installations; Adatum's pending invitation accepted by Adatum's admin (after
// Fabrikam's admin is refused it); an expired invitation; a new customer creating its organization from a link;
// a publisher's account on /admin.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, test } from "node:test";
import {
  apiClient,
  DEMO_PASSWORD,
  launchBrowser,
  mailedSignupCode,
  newSession,
  signIn,
  startDnsServer,
  startSeatkeeper,
  submitSignIn,
  toast,
  withArtifacts,
} from "./harness.mjs";

let server;
let browser;
let publisher;
let dns;

before(async () => {
  dns = await startDnsServer();
  server = await startSeatkeeper({ demo: true, env: { SEATKEEPER_DNS_RESOLVER: dns.resolver } });
  browser = await launchBrowser();
  publisher = await apiClient(server.base, "admin@contoso.example", DEMO_PASSWORD);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await dns?.stop();
});


function card(page, plan) {
  return page.getByRole("listitem", { name: plan });
}

async function stats(scope) {
  const read = async (name) => (await scope.getByTestId(`stat-${name}`).first().textContent())?.trim();
  return { quantity: await read("licenses"), assigned: await read("assigned"), available: await read("available") };
}

test("a bookmark of the Admin Center signs in and shows Fabrikam's licenses with the demo numbers", async () => {
  const sessions = [];
  await withArtifacts("admin-licenses", () => sessions, server, async () => {
    const s = await newSession(browser, server.base, "fabrikam");
    sessions.push(s);
    const { page } = s;
    await page.goto("/admin/licenses");
    await page.waitForURL(/\/signin\?next=%2Fadmin%2Flicenses$/);
    await page.getByText("to the Seatkeeper Admin Center").waitFor();
    await submitSignIn(page, "admin@fabrikam.example");
    await page.waitForURL(/\/admin\/licenses$/);
    await card(page, "Contoso CRM Basic").waitFor();
    assert.deepEqual(await stats(card(page, "Contoso CRM Basic")), { quantity: "50", assigned: "8", available: "42" });
    assert.deepEqual(await stats(card(page, "Contoso CRM Premium")), { quantity: "10", assigned: "2", available: "8" });
    await page.getByRole("img", { name: "8 of 50 assigned (16%), 42 available" }).waitFor();
    await page.getByRole("img", { name: "10 of 60 assigned (17%), 50 available" }).waitFor(); // all licenses
    // The header leads tenant accounts to the Admin Center, not Partner Center.
    const surfaces = page.getByRole("navigation", { name: "Surfaces" });
    await surfaces.getByRole("link", { name: "Admin Center" }).waitFor();
    assert.equal(await surfaces.getByRole("link", { name: "Partner Center" }).count(), 0);
    // The side nav and a bookmarkable license page.
    await card(page, "Contoso CRM Basic").getByRole("link", { name: "Contoso CRM Basic" }).click();
    await page.waitForURL(/\/admin\/licenses\/contoso\.crm\.basic$/);
    await page.getByRole("table", { name: "Assigned users" }).getByText("alex.wilber@fabrikam.example").waitFor();
    await page.getByRole("navigation", { name: "Admin Center" }).getByRole("link", { name: "Home" }).click();
    await page.getByRole("heading", { name: "Fabrikam, Inc." }).waitFor();
    await page.getByText("fabrikam.example", { exact: true }).waitFor();
  });
});

test("Assign users: directory search and multi-select, typed UPNs, CSV import naming a bad line", async () => {
  const sessions = [];
  await withArtifacts("admin-assign", () => sessions, server, async () => {
    const s = await newSession(browser, server.base, "fabrikam");
    sessions.push(s);
    const { page } = s;
    await signIn(page, "admin@fabrikam.example", { next: "/admin/licenses/contoso.crm.basic" });
    await page.getByRole("button", { name: "Assign users" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("42 of 50 licenses available.").waitFor();
    const directory = dialog.getByRole("group", { name: "Directory users" });
    // Holders are shown, checked and disabled.
    await dialog.getByRole("searchbox").fill("alex");
    assert.equal(await directory.getByRole("checkbox", { name: /alex\.wilber/ }).isDisabled(), true);
    await dialog.getByRole("searchbox").fill("adele");
    await directory.getByRole("checkbox", { name: /adele\.vance@fabrikam\.example/ }).check();
    await dialog.getByRole("searchbox").fill("diego");
    await directory.getByRole("checkbox", { name: /diego\.siciliani@fabrikam\.example/ }).check();
    await dialog.getByLabel("User principal names to add").fill("new.hire@fabrikam.example, someone@elsewhere.example");
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    await dialog.getByText(/someone@elsewhere\.example is outside your organization's domains/).waitFor();
    await dialog.getByLabel("User principal names to add").fill("new.hire@fabrikam.example");
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    // A CSV with a bad line adds nothing and names the line.
    await dialog.getByTestId("assign-csv").setInputFiles({
      name: "bad.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("upn,display_name\r\ncsv.one@fabrikam.example,One\r\nnot-an-upn,Two\r\n"),
    });
    await dialog.getByText(/Nothing was added from bad\.csv\. Line 3: "not-an-upn" is not a user principal name/).waitFor();
    await dialog.getByText("3 selected · 3 need a license").waitFor();
    await dialog.getByTestId("assign-csv").setInputFiles({
      name: "team.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("UPN\ncsv.one@fabrikam.example\ncsv.two@fabrikam.example\nmegan.bowen@fabrikam.example\n"),
    });
    await dialog.getByText("3 users from team.csv, of whom 1 already has a license.").waitFor();
    await dialog.getByText("5 selected · 5 need a license · 3 will join the directory").waitFor();
    await dialog.getByRole("button", { name: "Assign 5 users" }).click();
    await toast(page, "Assigned Contoso CRM Basic").waitFor();
    await dialog.waitFor({ state: "detached" });
    const table = page.getByRole("table", { name: "Assigned users" });
    for (const upn of ["adele.vance", "diego.siciliani", "new.hire", "csv.one", "csv.two"]) {
      await table.getByText(`${upn}@fabrikam.example`).first().waitFor();
    }
    assert.deepEqual(await stats(page), { quantity: "50", assigned: "13", available: "37" });
    // Unassign one again.
    await table.getByRole("button", { name: "Unassign csv.two@fabrikam.example" }).click();
    await toast(page, "License unassigned").waitFor();
    await page.getByTestId("stat-assigned").getByText("12").waitFor();
    // The new UPNs joined the directory.
    await page.getByRole("navigation", { name: "Admin Center" }).getByRole("link", { name: "Users" }).click();
    await page.getByRole("table", { name: "Directory users" }).getByText("new.hire@fabrikam.example").first().waitFor();
  });
});

test("an over-capacity assignment is refused with the server's numbers and assigns nobody", async () => {
  const sessions = [];
  await withArtifacts("admin-over-capacity", () => sessions, server, async () => {
    const s = await newSession(browser, server.base, "fabrikam");
    sessions.push(s);
    const { page } = s;
    await signIn(page, "licenses@fabrikam.example", { next: "/admin/licenses/contoso.crm.premium" });
    await page.getByRole("button", { name: "Assign users" }).click();
    const dialog = page.getByRole("dialog");
    const upns = Array.from({ length: 9 }, (_, i) => `temp${i + 1}@fabrikam.example`);
    await dialog.getByLabel("User principal names to add").fill(upns.join(", "));
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    await dialog.getByText("9 users need a license, but only 8 are available. Remove 1", { exact: false }).waitFor();
    await dialog.getByRole("button", { name: "Assign 9 users" }).click();
    const alert = dialog.getByRole("alert");
    await alert.getByText("Not enough licenses").waitFor();
    assert.match(
      (await alert.textContent()) ?? "",
      /Assigning 9 users needs 9 licenses of contoso\.crm\.premium, but only 8 of 10 are available; nobody was assigned/,
    );
    await dialog.getByRole("button", { name: "Cancel" }).click();
    assert.deepEqual(await stats(page), { quantity: "10", assigned: "2", available: "8" });
    const fabrikam = await apiClient(server.base, "admin@fabrikam.example", DEMO_PASSWORD);
    const after = await fabrikam("GET", "/api/v1/tenant/licenses/contoso.crm.premium/assignments");
    assert.equal(after.items.length, 2);
    assert.equal(after.items.filter((a) => a.upn.startsWith("temp")).length, 0);
  });
});

test("domains: a global admin adds one, publishes its TXT record and verifies it; a pending one is removed", async () => {
  const sessions = [];
  await withArtifacts("admin-domains", () => sessions, server, async () => {
    const s = await newSession(browser, server.base, "fabrikam");
    sessions.push(s);
    const { page } = s;
    await signIn(page, "admin@fabrikam.example", { next: "/admin/domains" });
    const table = page.getByRole("table", { name: "Domains" });
    await table.getByRole("row", { name: /fabrikam\.example.*Verified/ }).waitFor();
    const form = page.getByRole("form", { name: "Add a domain" });
    await form.getByLabel("Domain").fill("fabrikam.example");
    await form.getByRole("button", { name: "Add domain" }).click();
    await form.getByText("already a verified domain", { exact: false }).waitFor();
    await form.getByLabel("Domain").fill("Fabrikam.co.uk");
    await form.getByRole("button", { name: "Add domain" }).click();
    await toast(page, "Domain added").waitFor();
    const row = table.getByRole("row", { name: /fabrikam\.co\.uk/ });
    await row.getByText("Pending").waitFor();
    const record = (await row.getByText(/^seatkeeper-verification=/).textContent())?.trim();
    assert.ok(record);
    // Not in DNS yet: refused, saying what was found.
    await row.getByRole("button", { name: "Verify fabrikam.co.uk" }).click();
    await toast(page, "fabrikam.co.uk is not verified yet").waitFor();
    await page.getByText("it has no TXT records", { exact: false }).first().waitFor();
    dns.setTxt("fabrikam.co.uk", ["v=spf1 -all", record]);
    await row.getByRole("button", { name: "Verify fabrikam.co.uk" }).click();
    await toast(page, "Domain verified").waitFor();
    await table.getByRole("row", { name: /fabrikam\.co\.uk.*Verified/ }).waitFor();
    // A pending one is withdrawn after confirmation.
    await form.getByLabel("Domain").fill("fabrikam-eu.example");
    await form.getByRole("button", { name: "Add domain" }).click();
    await table.getByRole("row", { name: /fabrikam-eu\.example/ }).getByText("Pending").waitFor();
    await table.getByRole("button", { name: "Remove fabrikam-eu.example" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await table.getByRole("row", { name: /fabrikam-eu\.example/ }).waitFor({ state: "detached" });
    // Its users count now: the verified domain shows on the tenant.
    const tenant = await (await page.request.get(`${server.base}/api/v1/tenant`)).json();
    assert.deepEqual(tenant.domains, ["fabrikam.example", "fabrikam.co.uk"]);
  });
});

test("groups: create with members, add and remove a member, assign a license to the group and unassign it", async () => {
  const sessions = [];
  await withArtifacts("admin-groups", () => sessions, server, async () => {
    const s = await newSession(browser, server.base, "fabrikam");
    sessions.push(s);
    const { page } = s;
    await signIn(page, "admin@fabrikam.example", { next: "/admin/groups" });
    await page.getByRole("table", { name: "Groups" }).getByRole("link", { name: "Sales managers" }).waitFor();
    await page.getByRole("button", { name: "New group" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Support");
    await dialog.getByLabel("Members").fill("sam.support@fabrikam.example\nbad line");
    await dialog.getByText('Line 2: "bad" is not a user principal name', { exact: false }).waitFor();
    await dialog.getByLabel("Members").fill("sam.support@fabrikam.example\nsue.support@fabrikam.example");
    await dialog.getByRole("button", { name: "Create group" }).click();
    await toast(page, "Group created").waitFor();
    await page.waitForURL(/\/admin\/groups\/grp_/);
    await page.getByRole("heading", { name: "Support" }).waitFor();
    await page.getByLabel("User principal names").fill("tom.support@fabrikam.example");
    await page.getByRole("button", { name: "Add members" }).click();
    await toast(page, "Members added").waitFor();
    const members = page.getByRole("table", { name: "Members" });
    await members.getByText("tom.support@fabrikam.example").waitFor();
    await members.getByRole("button", { name: "Remove tom.support@fabrikam.example" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await toast(page, "Member removed").waitFor();
    await members.getByText("tom.support@fabrikam.example").waitFor({ state: "detached" });
    // Assign Premium to the group: its two members take a seat each.
    await page.goto("/admin/licenses/contoso.crm.premium");
    await page.getByRole("button", { name: "Assign a group" }).click();
    const assign = page.getByRole("dialog");
    await assign.getByRole("combobox", { name: "Group" }).click();
    await page.getByRole("option", { name: /Support/ }).click();
    await assign.getByText("2 members need a new license.").waitFor();
    await assign.getByRole("button", { name: "Assign group" }).click();
    await toast(page, "Assigned Contoso CRM Premium to Support").waitFor();
    await page.getByTestId("stat-assigned").getByText("4").waitFor();
    await page.getByRole("table", { name: "Assigned users" }).getByRole("link", { name: "Support" }).first().waitFor();
    await page.getByRole("button", { name: "Unassign group Support" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Unassign group" }).click();
    await toast(page, "Group unassigned").waitFor();
    await page.getByTestId("stat-assigned").getByText("2").waitFor();
    // Assigned again, then deleted: the group's seats come back and the group is gone from the list.
    await page.getByRole("button", { name: "Assign a group" }).click();
    await page.getByRole("dialog").getByRole("combobox", { name: "Group" }).click();
    await page.getByRole("option", { name: /Support/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Assign group" }).click();
    await page.getByTestId("stat-assigned").getByText("4").waitFor();
    await page.getByRole("table", { name: "Assigned users" }).getByRole("link", { name: "Support" }).first().click();
    await page.getByRole("heading", { name: "Support" }).waitFor();
    await page.getByRole("button", { name: "Delete group" }).click();
    await page.getByRole("dialog").getByText("members give back the licenses they hold through it").waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Delete group" }).click();
    await toast(page, "Group deleted").waitFor();
    await page.waitForURL(/\/admin\/groups$/);
    await page.getByRole("table", { name: "Groups" }).getByRole("link", { name: "Sales managers" }).waitFor();
    assert.equal(await page.getByRole("table", { name: "Groups" }).getByRole("link", { name: "Support" }).count(), 0);
    await page.goto("/admin/licenses/contoso.crm.premium");
    await page.getByTestId("stat-assigned").getByText("2").waitFor();
  });
});

test("Get it now installs from the Marketplace for a tenant admin, then shows in Installations", async () => {
  const sessions = [];
  await withArtifacts("admin-get-it-now", () => sessions, server, async () => {
    // A visitor is asked to sign in as a customer admin and comes back to the product page.
    const s = await newSession(browser, server.base, "fabrikam");
    sessions.push(s);
    const { page } = s;
    await page.goto("/marketplace/product/northwind.timesheets");
    await page.getByRole("button", { name: "Get it now" }).click();
    await page.getByRole("dialog").getByRole("link", { name: "Sign in as a customer admin" }).click();
    await page.waitForURL(/\/signin\?next=%2Fmarketplace%2Fproduct%2Fnorthwind\.timesheets$/);
    await submitSignIn(page, "billing@fabrikam.example");
    await page.waitForURL(/\/marketplace\/product\/northwind\.timesheets$/);
    await page.getByRole("button", { name: "Get it now" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Environment").fill("Sandbox");
    await dialog.getByRole("button", { name: "Install" }).click();
    await dialog.getByText("Northwind Timesheets is installed in Sandbox.", { exact: false }).waitFor();
    await toast(page, "Northwind Timesheets installed").waitFor();
    // Twice in the same environment: the server's words by the field.
    await dialog.getByRole("button", { name: "Close" }).click();
    await page.getByRole("button", { name: "Get it now" }).click();
    await page.getByRole("dialog").getByLabel("Environment").fill("Sandbox");
    await page.getByRole("dialog").getByRole("button", { name: "Install" }).click();
    await page.getByRole("dialog").getByText("already installed in the environment 'Sandbox'", { exact: false }).waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    // Contoso CRM lists only Contact me, but Fabrikam holds its licenses: Get it now is there for them.
    await page.goto("/marketplace/product/contoso.crm");
    await page.getByRole("button", { name: "Contact me" }).waitFor();
    await page.getByRole("button", { name: "Get it now" }).waitFor();
    await page.getByText("Your organization holds licenses of this app", { exact: false }).waitFor();
    await page.getByRole("navigation", { name: "Surfaces" }).getByRole("link", { name: "Admin Center" }).click();
    await page.getByRole("navigation", { name: "Admin Center" }).getByRole("link", { name: "Installations" }).click();
    const table = page.getByRole("table", { name: "Installations" });
    const row = table.getByRole("row").filter({ hasText: "Northwind Timesheets" });
    await row.getByText("Sandbox").waitFor();
    await row.getByText("You").waitFor();
    await table.getByRole("row").filter({ hasText: "Contoso CRM" }).getByText("Production").waitFor();

    // A publisher's account is told Get it now is for customers, and /admin is not for it.
    const p = await newSession(browser, server.base, "publisher");
    sessions.push(p);
    await signIn(p.page, "admin@contoso.example", { next: "/marketplace/product/northwind.timesheets" });
    await p.page.getByRole("button", { name: "Get it now" }).click();
    await p.page.getByRole("dialog").getByText("Get it now is for customers").waitFor();
    assert.equal(await p.page.getByRole("dialog").getByRole("button", { name: "Install" }).count(), 0);
    await p.page.goto("/admin/licenses");
    await p.page.getByRole("heading", { name: "The Admin Center is for customer admins" }).waitFor();
  });
});

test("an expired invitation shows its state and offers no answer", async () => {
  const sessions = [];
  await withArtifacts("admin-invitation-expired", () => sessions, server, async () => {
    const deals = await publisher("GET", "/api/v1/deals");
    // The deal registered for Adatum (the demo's Premium trial opened another one, already consented).
    const adatum = deals.items.find((d) => d.customer.domain === "adatum.example" && d.source === "registered");
    const link = await publisher("POST", `/api/v1/deals/${adatum.id}/invitations`, { email: "admin@adatum.example" });
    // invitation_ttl_hours is at least 1, so the test moves this link's expiry into the past in the database.
    execFileSync("sqlite3", [
      "-cmd",
      ".timeout 5000",
      server.databaseFile,
      `UPDATE invitations SET expires_at = 1700000000000 WHERE id = '${link.id}'`,
    ]);
    const s = await newSession(browser, server.base, "adatum");
    sessions.push(s);
    const { page } = s;
    await signIn(page, "admin@adatum.example", { next: new URL(link.invitation_url).pathname });
    await page.getByTestId("invitation-state").getByText("Expired").waitFor();
    await page.getByText("This invitation has expired").waitFor();
    await page.getByText("Ask Contoso Ltd to send you a new link.", { exact: false }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Accept" }).count(), 0);
    // The server agrees.
    const adatumApi = await apiClient(server.base, "admin@adatum.example", DEMO_PASSWORD);
    await assert.rejects(adatumApi("POST", `/api/v1/invitations/${link.invitation_url.split("/").pop()}/accept`), /409/);
  });
});

test("Adatum's pending invitation: Fabrikam's admin is refused, Adatum's admin signs in from the link and accepts", async () => {
  const sessions = [];
  await withArtifacts("admin-invitation-accept", () => sessions, server, async () => {
    const url = /invited to consent: (\S+)/.exec(server.setupOutput)?.[1];
    assert.ok(url, `no invitation link in the demo-seed output:\n${server.setupOutput}`);
    const path = new URL(url).pathname;
    assert.match(path, /^\/admin\/invitations\/[A-Za-z0-9_-]+$/);

    // Another organization's admin: a warning, and the server's refusal when they try.
    const f = await newSession(browser, server.base, "fabrikam");
    sessions.push(f);
    await signIn(f.page, "admin@fabrikam.example", { next: path });
    await f.page.getByText("Sent to another organization?").waitFor();
    await f.page.getByRole("button", { name: "Accept" }).click();
    await f.page.getByRole("alert").getByText("Seatkeeper refused").waitFor();
    assert.match((await f.page.getByRole("alert").textContent()) ?? "", /adatum\.example|domain|organization/i);

    // Adatum's admin opens the link signed out: who asks for what, then sign in and come back.
    const s = await newSession(browser, server.base, "adatum");
    sessions.push(s);
    const { page } = s;
    await page.goto(path);
    await page.getByRole("heading", { name: "Contoso Ltd invites Adatum Corporation" }).waitFor();
    await page.getByTestId("invitation-state").getByText("Waiting for your answer").waitFor();
    await page.getByText("Contoso CRM Premium").waitFor();
    await page.getByText("admin@adatum.example").waitFor();
    await page.getByRole("link", { name: "Sign in to answer" }).click();
    await submitSignIn(page, "admin@adatum.example");
    await page.waitForURL((u) => u.pathname === path);
    await page.getByRole("button", { name: "Accept" }).click();
    await toast(page, "Invitation accepted").waitFor();
    await page.getByTestId("invitation-state").getByText("Accepted").waitFor();
    await page.getByText("Your organization consented.", { exact: false }).waitFor();
    // The publisher sees the customer on the deal.
    const customers = await publisher("GET", "/api/v1/customers");
    assert.ok(customers.items.some((c) => c.name === "Adatum Corporation" || c.tenant_name === "Adatum Corporation"));
    // A used link says so.
    await f.page.reload();
    await f.page.getByTestId("invitation-state").getByText("Accepted").waitFor();
    await f.page.getByText("This invitation was already accepted", { exact: false }).waitFor();
  });
});

test("a new customer creates its organization from the invitation link, then accepts", async () => {
  const sessions = [];
  await withArtifacts("admin-invitation-signup", () => sessions, server, async () => {
    const deal = await publisher("POST", "/api/v1/deals", {
      customer: { name: "Litware", domain: "litware.example", contact_email: "it@litware.example" },
      offer_id: "crm",
      plan_ids: ["basic"],
      seats: 5,
      value: 500,
      close_date: "2027-06-30",
    });
    const link = await publisher("POST", `/api/v1/deals/${deal.id}/invitations`, { email: "it@litware.example" });
    const s = await newSession(browser, server.base, "litware");
    sessions.push(s);
    const { page } = s;
    await page.goto(new URL(link.invitation_url).pathname);
    await page.getByRole("button", { name: "New to Seatkeeper? Create your organization" }).click();
    const form = page.getByRole("form", { name: "Create your organization" });
    assert.equal(await form.getByLabel("Organization name").inputValue(), "Litware");
    await form.getByLabel("Your name").fill("Lin IT");
    await form.locator("#password").fill("short");
    await form.getByRole("button", { name: "Create organization" }).click();
    await form.getByText("Use at least 10 characters").waitFor();
    await form.locator("#password").fill("litware-pass-1");
    await form.getByLabel("Confirm password").fill("litware-pass-1");
    // Without the code mailed to the invited address nothing is created.
    await form.getByRole("button", { name: "Create organization" }).click();
    await form.getByText("Send yourself a code first").waitFor();
    await form.getByRole("button", { name: "Send code" }).click();
    await form.getByText("We mailed an 8-digit code to it@litware.example", { exact: false }).waitFor();
    await form.getByLabel("Sign-up code").fill("00000000"); // wrong: the server says so by the field
    await form.getByRole("button", { name: "Create organization" }).click();
    await form.getByText("this is not the code mailed to it@litware.example", { exact: false }).waitFor();
    await form.getByLabel("Sign-up code").fill(mailedSignupCode(server, "it@litware.example"));
    await form.getByRole("button", { name: "Create organization" }).click();
    await toast(page, "Organization created").waitFor();
    await page.getByText("Signed in as it@litware.example (Litware).").waitFor();
    await page.getByRole("button", { name: "Accept" }).click();
    await page.getByTestId("invitation-state").getByText("Accepted").waitFor();
    await page.getByRole("link", { name: "Licenses" }).click();
    await page.getByText("No licenses yet").waitFor();
  });
});
