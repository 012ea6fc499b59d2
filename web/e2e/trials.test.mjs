// Free trials and site licenses (issue 14) by clicking, against a real server with the demo data (where Basic
// offers a 14-day trial of 5 users, Premium one of 3 users, and Adatum is on the Premium trial): Contoso makes
// Basic's trial 30 days on the plan's page (a length out of range shown by its field first); Adatum's admin, a
// visitor at first, signs in from the Marketplace's Free trial dialog, chooses Basic, starts its trial and sees
// its Trial badge and end in the Admin Center; a second start is refused in the dialog with the server's words;
// Contoso sees the trial's deal marked Trial and converts it to paid licenses, which the Admin Center follows.
// Then a site license: Fabrikam's Premium made one on Manage licenses (forced: its 2 seats go), shown in both
// centers, and back to a number. Dates are
// relative to today (UTC), as the server's terms are. axe checks the new dialog and pages as they stand.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assertNoAxeViolations,
  demoSuite,
  newSession,
  shownDay,
  signIn,
  submitSignIn,
  toast,
  utcDay,
  withArtifacts,
} from "./harness.mjs";

const demo = demoSuite();

function card(page, plan) {
  return page.getByRole("listitem", { name: plan });
}

test("a plan given a free trial; Adatum's admin starts it from the Marketplace, once; Contoso converts it to paid licenses", async () => {
  const sessions = [];
  await withArtifacts("trial-start", () => sessions, demo.server, async () => {
    // Contoso makes Basic's trial 30 days for 5 users, on the live offer's plan page.
    const p = await newSession(demo.browser, demo.server.base, "publisher");
    sessions.push(p);
    await signIn(p.page, "admin@contoso.example", { next: "/partner/offers/crm/plans/basic" });
    const trial = p.page.getByRole("region", { name: "Free trial" });
    assert.equal(await trial.getByRole("radio", { name: "Offer a free trial" }).isChecked(), true);
    const days = trial.getByLabel(/^Trial length \(days\)/);
    assert.equal(await days.inputValue(), "14");
    await days.fill("400");
    await trial.getByText("Enter a whole number from 1 to 365.").waitFor();
    const save = trial.getByRole("button", { name: "Save free trial" });
    assert.equal(await save.isDisabled(), true);
    await days.fill("30");
    assert.equal(await trial.getByLabel(/^Trial users \(seats\)/).inputValue(), "5");
    await assertNoAxeViolations(p.page, "a plan's Free trial section");
    await save.click();
    await toast(p.page, "Free trial saved").waitFor();
    const plan = await demo.call("GET", "/api/v1/offers/crm/plans/basic");
    assert.equal(plan.trial_days, 30);
    assert.equal(plan.trial_seats, 5);
    await p.page.getByRole("navigation", { name: "Offer" }).getByRole("link", { name: "Plan overview" }).click();
    const plans = p.page.getByRole("table", { name: "Plans" });
    await plans.getByRole("row").filter({ hasText: "contoso.crm.basic" }).getByText("30-day trial, 5 users").waitFor();
    await plans.getByRole("row").filter({ hasText: "contoso.crm.premium" }).getByText("30-day trial, 3 users").waitFor();

    // A visitor on the product page: Free trial says who starts it and leads to sign-in, then back.
    const t = await newSession(demo.browser, demo.server.base, "adatum");
    sessions.push(t);
    const { page } = t;
    await page.goto("/marketplace/product/contoso.crm");
    await page.getByText("Free trial: 5 users for 30 days").waitFor();
    await page.getByRole("button", { name: "Free trial" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("A free trial is started by a global admin or a billing admin of your organization").waitFor();
    await dialog.getByRole("link", { name: "Sign in as a customer admin" }).click();
    await page.waitForURL(/\/signin\?next=%2Fmarketplace%2Fproduct%2Fcontoso\.crm$/);
    await submitSignIn(page, "admin@adatum.example");
    await page.waitForURL(/\/marketplace\/product\/contoso\.crm$/);

    // Adatum's global admin chooses among the plans with a trial, then starts Basic's.
    await page.getByRole("button", { name: "Free trial" }).click();
    await dialog.getByRole("radio", { name: "Contoso CRM Premium: 3 users for 30 days" }).waitFor();
    await dialog.getByRole("button", { name: "Start free trial" }).click();
    await dialog.getByText("Choose the plan to try.").waitFor();
    await dialog.getByRole("radio", { name: "Contoso CRM Basic: 5 users for 30 days" }).check();
    await assertNoAxeViolations(page, "the Free trial dialog");
    await dialog.getByRole("button", { name: "Start free trial" }).click();
    await dialog.getByText("Your free trial has started").waitFor();
    await dialog.getByText(`Your organization can assign Contoso CRM Basic to 5 users until ${shownDay(utcDay(29))}.`).waitFor();
    await toast(page, "Free trial started").waitFor();
    await dialog.getByRole("link", { name: "Go to Licenses" }).click();
    await page.waitForURL(/\/admin\/licenses$/);
    const tenantCard = card(page, "Contoso CRM Basic");
    await tenantCard.getByTestId("trial-badge").waitFor();
    await tenantCard.getByTestId("license-status").getByText("Active").waitFor();
    assert.equal(await tenantCard.getByTestId("term-summary").textContent(), `Trial ends ${shownDay(utcDay(29))} · 30 days left`);
    assert.equal(await tenantCard.getByTestId("stat-licenses").textContent(), "5");
    await assertNoAxeViolations(page, "Admin Center licenses with a trial");

    // Once per organization and plan: the second start is refused, in the server's words.
    await page.goto("/marketplace/product/contoso.crm");
    await page.getByRole("button", { name: "Free trial" }).click();
    await dialog.getByRole("radio", { name: "Contoso CRM Basic: 5 users for 30 days" }).check();
    await dialog.getByRole("button", { name: "Start free trial" }).click();
    const refusal = dialog.getByRole("alert");
    await refusal.getByText("Couldn't start the free trial").waitFor();
    assert.match((await refusal.textContent()) ?? "", /already had the free trial of this plan/);
    await assertNoAxeViolations(page, "the Free trial dialog with its refusal");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    // Contoso: the trial's deal is marked Trial; Convert to paid turns it into 20 licenses without an end.
    await p.page.goto("/partner/referrals/deals");
    const deals = p.page.getByRole("table", { name: "Deals" });
    const trialDeals = deals.getByRole("row").filter({ has: p.page.getByTestId("trial-badge") });
    await trialDeals.nth(1).waitFor();
    assert.equal(await trialDeals.count(), 2, "Adatum's trials of Premium (the demo's) and Basic");
    const row = trialDeals.filter({ hasText: "basic" });
    await row.getByText("Adatum Corporation").waitFor();
    await row.getByRole("link", { name: "Adatum Corporation" }).click();
    await p.page.getByTestId("trial-badge").first().waitFor();
    await p.page.getByRole("tab", { name: "Manage licenses" }).click();
    const license = p.page.getByTestId("license-basic");
    await license.getByTestId("trial-badge").waitFor();
    await license.getByRole("button", { name: "Convert the trial of Contoso CRM Basic to paid licenses" }).click();
    const convert = p.page.getByRole("group", { name: "Convert the trial of Contoso CRM Basic to paid licenses" });
    assert.equal(await convert.getByLabel(/^Number of licenses/).inputValue(), "5");
    assert.equal(await convert.getByRole("radio", { name: "No end date" }).isChecked(), true);
    await convert.getByLabel(/^Number of licenses/).fill("20");
    await assertNoAxeViolations(p.page, "Convert to paid open");
    await p.page.getByRole("button", { name: "Convert to paid", exact: true }).click();
    await toast(p.page, "Trial converted to paid licenses").waitFor();
    await convert.waitFor({ state: "detached" });
    assert.equal(await license.getByTestId("trial-badge").count(), 0);
    await license.getByTestId("term").getByText("No end date").waitFor();
    const deal = (await demo.call("GET", "/api/v1/deals")).items.find((d) => d.source === "trial" && d.plan_ids[0] === "basic");
    const paid = (await demo.call("GET", `/api/v1/deals/${deal.id}/licenses`)).items.find((r) => r.plan_id === "basic");
    assert.equal(paid.trial, false);
    assert.equal(paid.quantity, 20);
    assert.equal(paid.term, null);

    // The Admin Center follows: no Trial badge, no end, 20 licenses.
    await page.goto("/admin/licenses");
    await card(page, "Contoso CRM Basic").getByTestId("license-status").waitFor();
    assert.equal(await card(page, "Contoso CRM Basic").getByTestId("trial-badge").count(), 0);
    assert.equal(await card(page, "Contoso CRM Basic").getByTestId("term-summary").textContent(), "No end date");
    assert.equal(await card(page, "Contoso CRM Basic").getByTestId("stat-licenses").textContent(), "20");
  });
});

test("a site license made on Manage licenses shows in both centers, without a number", async () => {
  const sessions = [];
  await withArtifacts("site-license", () => sessions, demo.server, async () => {
    const deals = await demo.call("GET", "/api/v1/deals");
    const fabrikam = deals.items.find((d) => d.customer.name === "Fabrikam, Inc." && d.offer_id === "crm");
    assert.ok(fabrikam, "no Contoso CRM deal for Fabrikam, Inc.");

    const p = await newSession(demo.browser, demo.server.base, "publisher");
    sessions.push(p);
    const { page } = p;
    await signIn(page, "admin@contoso.example", { next: `/partner/referrals/deals/${fabrikam.id}/licenses` });
    const premium = page.getByTestId("license-premium");
    await premium.getByLabel("Number of licenses for Contoso CRM Premium").waitFor();
    await premium.getByRole("checkbox", { name: "Site license for Contoso CRM Premium" }).check();
    assert.equal(await premium.getByLabel("Number of licenses for Contoso CRM Premium").count(), 0);
    await premium.getByText("Every user of the customer's verified domains").waitFor();
    await premium.getByText("Not saved yet").waitFor();
    await page.getByRole("button", { name: "Update licenses" }).click();
    // Fabrikam has 2 users on Premium's seats: a site license counts none, so the server asks to force it.
    const below = page.getByTestId("below-assigned");
    await below.getByText("Making it a site license anyway unassigns the users assigned to Contoso CRM Premium").waitFor();
    await premium.getByRole("alert").getByText(/The customer has 2 users assigned to contoso\.crm\.premium/).waitFor();
    await assertNoAxeViolations(page, "a site license refused below the assigned seats");
    await below.getByRole("button", { name: "Unassign users and update" }).click();
    await toast(page, "Licenses updated").waitFor();
    await premium.getByText("Not saved yet").waitFor({ state: "detached" });
    await premium.getByTestId("site-license").waitFor();
    await assertNoAxeViolations(page, "Manage licenses with a site license");
    const row = (await demo.call("GET", `/api/v1/deals/${fabrikam.id}/licenses`)).items.find((r) => r.plan_id === "premium");
    assert.equal(row.site, true);

    const t = await newSession(demo.browser, demo.server.base, "fabrikam");
    sessions.push(t);
    await signIn(t.page, "admin@fabrikam.example", { next: "/admin/licenses" });
    const tenantCard = card(t.page, "Contoso CRM Premium");
    await tenantCard.getByTestId("site-license").waitFor();
    assert.equal(await tenantCard.getByTestId("site-summary").textContent(), "All users of your verified domains");
    assert.equal(await tenantCard.getByTestId("stat-licenses").textContent(), "All users");
    assert.equal(await tenantCard.getByTestId("stat-assigned").textContent(), "0");
    assert.equal(await tenantCard.getByTestId("stat-available").count(), 0);
    assert.equal(await tenantCard.getByRole("img").count(), 0, "no usage bar without a number");
    await assertNoAxeViolations(t.page, "Admin Center licenses with a site license");

    // Back to a number: the box unchecked asks for one.
    await premium.getByRole("checkbox", { name: "Site license for Contoso CRM Premium" }).uncheck();
    const number = premium.getByLabel("Number of licenses for Contoso CRM Premium");
    assert.equal(await number.inputValue(), "");
    await premium.getByText("Enter the number of licenses.").waitFor();
    await number.fill("10");
    await page.getByRole("button", { name: "Update licenses" }).click();
    await premium.getByTestId("site-license").waitFor({ state: "detached" });
    const back = (await demo.call("GET", `/api/v1/deals/${fabrikam.id}/licenses`)).items.find((r) => r.plan_id === "premium");
    assert.equal(back.site, false);
    assert.equal(back.quantity, 10);
  });
});
