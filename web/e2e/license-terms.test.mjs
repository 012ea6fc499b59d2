// License terms (issue 14) by clicking, against a real server with the demo data: on Manage licenses of the
// demo's won Fabrikam deal, an expired license renewed (a day the server refuses shown by its field), Premium
// suspended with a reason and reinstated (a suspension the server refuses shown in its dialog; the deal's audit
// log naming the reasons), each time with the Fabrikam admin's view in the Admin Center following; on a new deal, a term set through "+ Add a plan",
// then changed, kept while only the number changes, and removed. States the UI needn't reach (a term in the
// past, a change made elsewhere meanwhile) are set up through the API. Dates are relative to today (UTC), as
// the server's statuses are. axe checks the pages and dialogs as they stand with each status.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assertNoAxeViolations,
  demoSuite,
  newSession,
  shownDay as shown,
  signIn,
  toast,
  utcDay as day,
  withArtifacts,
} from "./harness.mjs";

const demo = demoSuite();

// The term fields' labels (a required field's ends in "*"; "End date" alone would also find "Start and end dates").
const START_DATE = /^Start date\s*\*?$/;
const END_DATE = /^End date\s*\*?$/;

async function fabrikamDealId() {
  const deals = await demo.call("GET", "/api/v1/deals");
  const deal = deals.items.find((d) => d.customer.name === "Fabrikam, Inc." && d.offer_id === "crm");
  assert.ok(deal, "no deal for Fabrikam, Inc.");
  return deal.id;
}

async function licenseRow(dealId, planId) {
  return (await demo.call("GET", `/api/v1/deals/${dealId}/licenses`)).items.find((r) => r.plan_id === planId);
}

// A row's menu item: Change term, Renew…, Suspend… or Reinstate….
async function rowAction(page, plan, item) {
  await page.getByRole("button", { name: `More actions for ${plan}` }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

function statusOf(scope) {
  return scope.getByTestId("license-status");
}

function card(page, plan) {
  return page.getByRole("listitem", { name: plan });
}

test("an expired license renewed: a day the server refuses is shown by its field, then Active here and in the Admin Center", async () => {
  const sessions = [];
  await withArtifacts("terms-renew", () => sessions, demo.server, async () => {
    const dealId = await fabrikamDealId();
    await demo.call("PUT", `/api/v1/deals/${dealId}/licenses/basic`, {
      quantity: 50,
      term: { start_date: day(-400), end_date: day(-40), grace_days: 10 },
    });

    const p = await newSession(demo.browser, demo.server.base, "publisher");
    sessions.push(p);
    const { page } = p;
    await signIn(page, "admin@contoso.example", { next: `/partner/referrals/deals/${dealId}/licenses` });
    const basic = page.getByTestId("license-basic");
    await statusOf(basic).getByText("Expired").waitFor();
    await basic.getByTestId("term").getByText(`${shown(day(-400))} – ${shown(day(-40))}`).waitFor();
    await basic.getByTestId("term").getByText("10 days of grace").waitFor();

    // The customer's admin sees what it means: seats kept, the app denying them until Contoso renews.
    const t = await newSession(demo.browser, demo.server.base, "fabrikam");
    sessions.push(t);
    await signIn(t.page, "admin@fabrikam.example", { next: "/admin/licenses" });
    const tenantCard = card(t.page, "Contoso CRM Basic");
    await statusOf(tenantCard).getByText("Expired").waitFor();
    assert.equal(await tenantCard.getByTestId("term-summary").textContent(), `Ended ${shown(day(-40))}`);
    const notice = (await tenantCard.getByTestId("license-notice").textContent()) ?? "";
    assert.match(notice, /Assigned users keep their seats, but the app denies them until Contoso Ltd renews these licenses/);
    assert.equal(await tenantCard.getByTestId("stat-licenses").textContent(), "0");
    assert.equal(await tenantCard.getByTestId("stat-assigned").textContent(), "8");
    await assertNoAxeViolations(t.page, "Admin Center licenses with an expired license");

    // Renew asks the new end: a year after the current one is proposed; not after the current end is refused here.
    await rowAction(page, "Contoso CRM Basic", "Renew…");
    const dialog = page.getByRole("dialog");
    const end = dialog.getByLabel("New end date");
    const proposed = new Date(`${day(-40)}T00:00:00Z`);
    proposed.setUTCFullYear(proposed.getUTCFullYear() + 1);
    if (proposed.toISOString().slice(5, 10) !== day(-40).slice(5, 10)) proposed.setUTCDate(0); // 29 Feb → 28 Feb
    assert.equal(await end.inputValue(), proposed.toISOString().slice(0, 10));
    await assertNoAxeViolations(page, "the Renew dialog");
    await end.fill(day(-40));
    await dialog.getByRole("button", { name: "Renew" }).click();
    await dialog.getByText(`Choose a day after the current end, ${shown(day(-40))}.`).waitFor();

    // Renewed elsewhere meanwhile to a later day: the server refuses this one, and says so by the field.
    await demo.call("POST", `/api/v1/deals/${dealId}/licenses/basic/renew`, { end_date: day(400) });
    await end.fill(day(365));
    await dialog.getByRole("button", { name: "Renew" }).click();
    await dialog.getByText(`end_date must be after the current end, ${day(400)}`).waitFor();
    assert.equal(await end.getAttribute("aria-invalid"), "true");

    await end.fill(day(500));
    await dialog.getByRole("button", { name: "Renew" }).click();
    await toast(page, "Licenses renewed").waitFor();
    await dialog.waitFor({ state: "detached" });
    await statusOf(basic).getByText("Active").waitFor();
    await basic.getByTestId("term").getByText("501 days left").waitFor();
    const row = await licenseRow(dealId, "basic");
    assert.equal(row.status, "active");
    assert.deepEqual(row.term, { start_date: day(-400), end_date: day(500), grace_days: 10 });

    // The Admin Center follows: in force again, the days left, nothing to explain.
    await t.page.reload();
    await statusOf(tenantCard).getByText("Active").waitFor();
    assert.equal(await tenantCard.getByTestId("term-summary").textContent(), `Ends ${shown(day(500))} · 501 days left`);
    assert.equal(await tenantCard.getByTestId("license-notice").count(), 0);
    assert.equal(await tenantCard.getByTestId("stat-licenses").textContent(), "50");
  });
});

test("Premium suspended with a reason, then reinstated; the Admin Center follows; a suspension made elsewhere meanwhile is refused", async () => {
  const sessions = [];
  await withArtifacts("terms-suspend", () => sessions, demo.server, async () => {
    const dealId = await fabrikamDealId();
    const p = await newSession(demo.browser, demo.server.base, "publisher");
    sessions.push(p);
    const { page } = p;
    await signIn(page, "admin@contoso.example", { next: `/partner/referrals/deals/${dealId}/licenses` });
    const premium = page.getByTestId("license-premium");
    await statusOf(premium).getByText("Active").waitFor();
    await premium.getByTestId("term").getByText("No end date").waitFor();

    // The dialog says plainly what the users go through, and asks the reason first.
    await rowAction(page, "Contoso CRM Premium", "Suspend…");
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Users keep their seats but can't use the app").waitFor();
    assert.match(
      (await dialog.textContent()) ?? "",
      /Fabrikam, Inc\.'s users assigned to contoso\.crm\.premium keep their seats, but the app denies them until you reinstate these licenses/,
    );
    await dialog.getByRole("button", { name: "Suspend licenses" }).click();
    await dialog.getByText("Enter the reason, such as an unpaid invoice.").waitFor();
    await assertNoAxeViolations(page, "the Suspend dialog with its mistake");
    await dialog.getByLabel("Reason").fill("Invoice INV-1042 unpaid");
    await dialog.getByRole("button", { name: "Suspend licenses" }).click();
    await toast(page, "Licenses suspended").waitFor();
    await dialog.waitFor({ state: "detached" });
    await statusOf(premium).getByText("Suspended").waitFor();
    await premium.getByTestId("suspension").getByText(/Reason: Invoice INV-1042 unpaid/).waitFor();
    await assertNoAxeViolations(page, "Manage licenses with a suspended license");
    const row = await licenseRow(dealId, "premium");
    assert.equal(row.status, "suspended");
    assert.equal(row.suspension.reason, "Invoice INV-1042 unpaid");

    // Fabrikam's admin: suspended by Contoso, seats kept, none in force.
    const t = await newSession(demo.browser, demo.server.base, "fabrikam");
    sessions.push(t);
    await signIn(t.page, "admin@fabrikam.example", { next: "/admin/licenses/contoso.crm.premium" });
    await statusOf(t.page).getByText("Suspended").waitFor();
    const notice = t.page.getByTestId("license-notice");
    await notice.getByText("Suspended by Contoso Ltd").waitFor();
    assert.match(
      (await notice.textContent()) ?? "",
      /The reason given: Invoice INV-1042 unpaid\. Assigned users keep their seats, but the app denies them until Contoso Ltd reinstates these licenses/,
    );
    assert.equal(await t.page.getByTestId("stat-licenses").textContent(), "0");
    assert.equal(await t.page.getByTestId("stat-assigned").textContent(), "2");
    await t.page.getByRole("table", { name: "Assigned users" }).getByText("adele.vance@fabrikam.example").waitFor();
    await assertNoAxeViolations(t.page, "an Admin Center license page while suspended");

    // Reinstate confirms, naming the reason.
    await rowAction(page, "Contoso CRM Premium", "Reinstate…");
    await dialog.getByText(/Invoice INV-1042 unpaid/).waitFor();
    await dialog.getByRole("button", { name: "Reinstate licenses" }).click();
    await toast(page, "Licenses reinstated").waitFor();
    await dialog.waitFor({ state: "detached" });
    await statusOf(premium).getByText("Active").waitFor();
    assert.equal(await premium.getByTestId("suspension").count(), 0);
    assert.equal((await licenseRow(dealId, "premium")).status, "active");

    await t.page.reload();
    await statusOf(t.page).getByText("Active").waitFor();
    assert.equal(await t.page.getByTestId("license-notice").count(), 0);
    assert.equal(await t.page.getByTestId("stat-licenses").textContent(), "10");

    // Suspended elsewhere while the dialog was open: the server's refusal shows in the dialog.
    await rowAction(page, "Contoso CRM Premium", "Suspend…");
    await dialog.getByLabel("Reason").fill("Chargeback");
    await demo.call("POST", `/api/v1/deals/${dealId}/licenses/premium/suspend`, { reason: "Contract ended" });
    await dialog.getByRole("button", { name: "Suspend licenses" }).click();
    const refusal = dialog.getByRole("alert");
    await refusal.getByText("Couldn't suspend").waitFor();
    assert.match((await refusal.textContent()) ?? "", /these licenses are already suspended \(Contract ended\)/);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.reload();
    await statusOf(premium).getByText("Suspended").waitFor();
    await premium.getByTestId("suspension").getByText(/Contract ended/).waitFor();
    await demo.call("POST", `/api/v1/deals/${dealId}/licenses/premium/reinstate`);

    // The deal's audit log tells the story, with the reasons.
    await page.getByRole("tab", { name: "Audit log" }).click();
    const log = page.getByRole("table", { name: "Audit log" });
    await log.getByText("Licenses suspended: premium (Invoice INV-1042 unpaid)").waitFor();
    await log.getByText("Licenses suspended: premium (Contract ended)").waitFor();
    assert.equal(await log.getByText("Licenses reinstated: premium").count(), 2);
  });
});

test("a term set through + Add a plan, changed, kept while the number changes, then removed with No end date", async () => {
  const sessions = [];
  await withArtifacts("terms-set", () => sessions, demo.server, async () => {
    const customers = await demo.call("GET", "/api/v1/customers");
    const fabrikam = customers.items.find((c) => c.name === "Fabrikam, Inc.");
    assert.ok(fabrikam, "Fabrikam is not a customer of Contoso");
    const deal = await demo.call("POST", "/api/v1/deals", {
      customer: { name: "Fabrikam (renewal)", domain: "fabrikam.example", contact_email: "billing@fabrikam.example" },
      offer_id: "crm",
      plan_ids: ["basic"],
      seats: 5,
      value: 500,
      close_date: day(30),
    });
    await demo.call("PATCH", `/api/v1/deals/${deal.id}`, { state: "in_progress" });
    await demo.call("PATCH", `/api/v1/deals/${deal.id}`, { tenant_id: fabrikam.id });

    const p = await newSession(demo.browser, demo.server.base, "publisher");
    sessions.push(p);
    const { page } = p;
    await signIn(page, "admin@contoso.example", { next: `/partner/referrals/deals/${deal.id}/licenses` });
    await page.getByRole("button", { name: "Add a plan" }).click();
    const add = page.getByRole("group", { name: "Add a plan" });
    await page.getByRole("combobox", { name: "Plans for this solution" }).click();
    await page.getByRole("option", { name: /Contoso CRM Basic/ }).click();
    await add.getByLabel("Number of licenses").fill("5");
    // No end date is the default; dates are a choice, checked as they are typed.
    assert.equal(await add.getByRole("radio", { name: "No end date" }).isChecked(), true);
    await add.getByRole("radio", { name: "Start and end dates" }).check();
    await add.getByLabel(START_DATE).fill(day(10));
    await add.getByLabel(END_DATE).fill(day(5));
    await add.getByText("The end date can't be before the start date.").waitFor();
    const update = page.getByRole("button", { name: "Update licenses" });
    assert.equal(await update.isDisabled(), true);
    await add.getByLabel(END_DATE).fill(day(375));
    await add.getByLabel("Grace days").fill("14");
    await assertNoAxeViolations(page, "+ Add a plan with a term");
    await update.click();
    await toast(page, "Licenses updated").waitFor();
    const basic = page.getByTestId("license-basic");
    await statusOf(basic).getByText("Pending").waitFor();
    await basic.getByTestId("term").getByText(`${shown(day(10))} – ${shown(day(375))}`).waitFor();
    await basic.getByTestId("term").getByText("14 days of grace").waitFor();
    assert.deepEqual((await licenseRow(deal.id, "basic")).term, { start_date: day(10), end_date: day(375), grace_days: 14 });

    // Change term opens the row's fields as they are; untouched, there is nothing to update.
    await rowAction(page, "Contoso CRM Basic", "Change term");
    const editor = page.getByRole("group", { name: "Term of Contoso CRM Basic" });
    assert.equal(await editor.getByLabel(START_DATE).inputValue(), day(10));
    assert.equal(await editor.getByLabel("Grace days").inputValue(), "14");
    assert.equal(await update.isDisabled(), true);
    await editor.getByLabel(START_DATE).fill(day(-5));
    await assertNoAxeViolations(page, "Change term open");
    await update.click();
    await toast(page, "Licenses updated").waitFor();
    await editor.waitFor({ state: "detached" });
    await statusOf(basic).getByText("Active").waitFor();
    await basic.getByTestId("term").getByText("376 days left").waitFor();
    assert.deepEqual((await licenseRow(deal.id, "basic")).term, { start_date: day(-5), end_date: day(375), grace_days: 14 });

    // Only the number: the term stays as it was.
    await page.getByLabel("Number of licenses for Contoso CRM Basic").fill("7");
    await update.click();
    await page.getByRole("button", { name: "Discard changes" }).waitFor({ state: "detached" });
    const kept = await licenseRow(deal.id, "basic");
    assert.equal(kept.quantity, 7);
    assert.deepEqual(kept.term, { start_date: day(-5), end_date: day(375), grace_days: 14 });

    // No end date removes the term.
    await rowAction(page, "Contoso CRM Basic", "Change term");
    await editor.getByRole("radio", { name: "No end date" }).check();
    await update.click();
    await editor.waitFor({ state: "detached" });
    await basic.getByTestId("term").getByText("No end date").waitFor();
    const none = await licenseRow(deal.id, "basic");
    assert.equal(none.term, null);
    assert.equal(none.status, "active");
    assert.equal(none.quantity, 7);
  });
});
