// Usage and seat activity (issue 15) by clicking, against a real server with the demo data: Partner Center's Usage
// page shows the numbers the API computes (all customers, then Fabrikam alone), with a chart named for screen
// readers and a CSV link that answers text/csv; the Admin Center's Usage page the same for Fabrikam; its Inactive
// seats preview (a dry run) lists the seats the demo's history left unused, as the API's dry run does, and
// Reclaim unassigns them; a license's assignments say when each seat was last checked. axe checks the pages.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DEMO_PASSWORD,
  apiClient,
  assertNoAxeViolations,
  demoSuite,
  newSession,
  shownDay,
  signIn,
  toast,
  utcDay,
  withArtifacts,
} from "./harness.mjs";

const demo = demoSuite();

// The report's totals per day, as the page adds up the API's rows (per customer and plan).
function totals(items) {
  const byDate = new Map();
  for (const r of items) {
    const t = byDate.get(r.date) ?? { provisioned: 0, assigned: 0, active: 0 };
    t.provisioned += r.provisioned;
    t.assigned += r.assigned;
    t.active += r.active;
    byDate.set(r.date, t);
  }
  return byDate;
}

// The numbers the page's table shows for `date` (its row's data-testid), as numbers.
async function shownRow(page, date) {
  const cells = await page.getByTestId(`usage-${date}`).getByRole("cell").allTextContents();
  const number = (text) => Number(text.replace(/,/g, "")); // en-US groups thousands
  return { provisioned: number(cells[1]), assigned: number(cells[2]), active: number(cells[3]) };
}

// The table's numbers of every day of `expected` (the API's totals) match, once the page has loaded the report
// (until then it may show the one before); at least one day has seats.
async function assertTableMatches(page, expected) {
  assert.ok([...expected.values()].some((t) => t.provisioned > 0), "the API reports no seats at all");
  const deadline = Date.now() + 10000;
  for (;;) {
    try {
      assert.equal(await page.locator("[data-testid^=usage-]").count(), expected.size, "the number of periods");
      for (const [date, t] of expected) assert.deepEqual(await shownRow(page, date), t, `the numbers of ${date}`);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

// The CSV link's address answers text/csv to the signed-in browser.
async function assertCsvLink(page, path) {
  const link = page.getByRole("link", { name: "Download CSV" });
  const href = await link.getAttribute("href");
  assert.ok(href?.startsWith(`${path}?`), `the CSV link is ${href}`);
  const answer = await page.request.get(href);
  assert.equal(answer.status(), 200);
  assert.match(answer.headers()["content-type"] ?? "", /^text\/csv/);
  assert.match(await answer.text(), /provisioned/);
  return href;
}

test("Partner Center Usage: the API's numbers in the table, a named chart, a CSV link, a customer filter", async () => {
  const sessions = [];
  await withArtifacts("usage-partner", () => sessions, demo.server, async () => {
    const from = utcDay(-29);
    const to = utcDay(0);
    const p = await newSession(demo.browser, demo.server.base, "publisher");
    sessions.push(p);
    const { page } = p;
    await signIn(page, "admin@contoso.example", { next: "/partner" });
    await page.getByRole("navigation", { name: "Partner Center" }).getByRole("link", { name: "Usage" }).click();
    await page.getByRole("heading", { name: "Usage", level: 1 }).waitFor();
    await page.getByRole("table", { name: /^Seats by day/ }).waitFor();
    const all = await demo.call("GET", `/api/v1/usage?from=${from}&to=${to}&interval=day`);
    await assertTableMatches(page, totals(all.items));
    await page.getByRole("region", { name: /^Seats by day, .*\. The X axis displays Day/ }).waitFor(); // the chart's name
    await assertCsvLink(page, "/api/v1/usage.csv");
    await assertNoAxeViolations(page, "Partner Center Usage");

    // Fabrikam alone: the address keeps the filter, the numbers follow.
    const customers = (await demo.call("GET", "/api/v1/customers")).items;
    const fabrikam = customers.find((c) => c.name === "Fabrikam, Inc.");
    assert.ok(fabrikam, "no customer Fabrikam, Inc.");
    await page.getByRole("combobox", { name: "Customer" }).click();
    await page.getByRole("option", { name: "Fabrikam, Inc." }).click();
    await page.waitForURL((u) => u.searchParams.get("tenant") === fabrikam.id);
    const one = await demo.call("GET", `/api/v1/usage?from=${from}&to=${to}&interval=day&tenant_id=${fabrikam.id}`);
    assert.ok(one.items.every((r) => r.tenant_id === fabrikam.id));
    await page.getByRole("table", { name: /^Seats by day/ }).waitFor();
    await assertTableMatches(page, totals(one.items));
    const href = await assertCsvLink(page, "/api/v1/usage.csv");
    assert.match(href, new RegExp(`tenant_id=${fabrikam.id}`));

    // By month: the periods are months.
    await page.getByRole("combobox", { name: "Interval" }).click();
    await page.getByRole("option", { name: "Monthly" }).click();
    await page.getByRole("table", { name: /^Seats by month/ }).waitFor();
  });
});

test("Admin Center Usage: Fabrikam's numbers and CSV; Inactive seats previewed, then reclaimed; Last checked", async () => {
  const sessions = [];
  await withArtifacts("usage-tenant", () => sessions, demo.server, async () => {
    const fabrikamCall = await apiClient(demo.server.base, "admin@fabrikam.example", DEMO_PASSWORD);
    const t = await newSession(demo.browser, demo.server.base, "fabrikam");
    sessions.push(t);
    const { page } = t;
    await signIn(page, "admin@fabrikam.example", { next: "/admin" });
    await page.getByRole("navigation", { name: "Admin Center" }).getByRole("link", { name: "Usage" }).click();
    await page.getByRole("table", { name: /^Seats by day/ }).waitFor();
    const usage = await fabrikamCall("GET", `/api/v1/tenant/usage?from=${utcDay(-29)}&to=${utcDay(0)}&interval=day`);
    await assertTableMatches(page, totals(usage.items));
    await assertCsvLink(page, "/api/v1/tenant/usage.csv");
    await assertNoAxeViolations(page, "Admin Center Usage");

    // Contoso CRM Basic's seats nobody checked for 14 days (the demo's two users who never used it): the preview
    // (a dry run) lists what the API's dry run does, and changes nothing.
    const license = (await fabrikamCall("GET", "/api/v1/tenant/licenses")).items.find(
      (l) => l.plan_name === "Contoso CRM Basic",
    );
    assert.ok(license, "Fabrikam has no Contoso CRM Basic");
    const assignments = `/api/v1/tenant/licenses/${encodeURIComponent(license.service_id)}/assignments`;
    const before = (await fabrikamCall("GET", assignments)).items;
    const section = page.getByRole("region", { name: "Inactive seats" });
    await section.getByRole("combobox", { name: "License" }).click();
    await page.getByRole("option", { name: `${license.plan_name} (${license.offer_name})` }).click();
    await section.getByLabel("Not checked for (days)").fill("14");
    await section.getByRole("button", { name: "Preview" }).click();
    const table = section.getByRole("table", { name: "Seats to reclaim" });
    await table.waitFor();
    const dryRun = await fabrikamCall("POST", `/api/v1/tenant/licenses/${encodeURIComponent(license.service_id)}/reclaim`, {
      inactive_days: 14,
      dry_run: true,
    });
    assert.ok(dryRun.items.length > 0, "the demo has no seat of Contoso CRM Basic unchecked for 14 days");
    assert.equal(await table.getByRole("row").count(), dryRun.items.length + 1);
    for (const seat of dryRun.items) {
      const cells = table.getByTestId(`inactive-${seat.upn}`).getByRole("cell");
      assert.equal(await cells.nth(1).textContent(), seat.last_checked_at ? shownDay(seat.last_checked_at) : "Never");
    }
    assert.deepEqual((await fabrikamCall("GET", assignments)).items, before, "the preview changed the assignments");
    await assertNoAxeViolations(page, "the Inactive seats preview");

    // Reclaim, confirmed: those seats are unassigned, the others stay.
    const n = dryRun.items.length;
    await section.getByRole("button", { name: `Reclaim ${n} ${n === 1 ? "seat" : "seats"}` }).click();
    await assertNoAxeViolations(page, "the Reclaim dialog");
    await page.getByRole("dialog").getByRole("button", { name: "Reclaim" }).click();
    await toast(page, "Seats reclaimed").waitFor();
    await section.getByTestId("reclaim-result").getByText(`${n} ${n === 1 ? "seat" : "seats"} reclaimed`).waitFor();
    const reclaimed = new Set(dryRun.items.map((x) => x.upn));
    const afterwards = (await fabrikamCall("GET", assignments)).items;
    assert.deepEqual(
      afterwards.map((a) => a.upn),
      before.filter((a) => !reclaimed.has(a.upn)).map((a) => a.upn),
    );

    // The license's assignments say when each seat was last checked, as the API says: a day, or Never.
    await page.goto(`/admin/licenses/${encodeURIComponent(license.service_id)}`);
    const users = page.getByRole("table", { name: "Assigned users" });
    await users.waitFor();
    assert.ok(afterwards.some((a) => a.last_checked_at), "no seat of the demo was ever checked");
    assert.deepEqual(
      await users.getByTestId("last-checked").allTextContents(),
      afterwards.map((a) => (a.last_checked_at ? shownDay(a.last_checked_at) : "Never")),
    );
    await assertNoAxeViolations(page, "a license's assignments with Last checked");
  });
});
