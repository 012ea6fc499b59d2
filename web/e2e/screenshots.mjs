// Screenshots of the main pages for docs/screenshots/ (shown in the README), taken with the browser-test
// set-up against a fresh server with the demo data: `npm run screenshots` (after a build of the server and
// of the web UI).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser, newSession, repoDir, startSeatkeeper, submitSignIn, toast } from "./harness.mjs";

const out = join(repoDir, "docs", "screenshots");
mkdirSync(out, { recursive: true });

const server = await startSeatkeeper({ demo: true });
const browser = await launchBrowser();
try {
  const desktop = await newSession(browser, server.base, "desktop");
  const page = desktop.page;
  // `fullPage` takes the whole page rather than the window, from the top (else the sticky header is drawn where
  // the window was scrolled to).
  const shot = async (name, p = page, { fullPage = false } = {}) => {
    await p.waitForLoadState("networkidle");
    await p.locator(".fui-Spinner").waitFor({ state: "detached" }).catch(() => undefined);
    await p.mouse.move(0, 0); // no hover left on whatever the last click was over
    if (fullPage) await p.evaluate(() => window.scrollTo(0, 0));
    await p.screenshot({ path: join(out, `${name}.png`), fullPage });
    console.log(`docs/screenshots/${name}.png`);
  };

  await page.goto("/marketplace");
  await page.getByRole("link", { name: "Contoso CRM" }).waitFor();
  await shot("marketplace");
  await page.goto("/marketplace/product/contoso.field-service");
  await page.getByRole("heading", { name: "Plans" }).waitFor();
  await shot("marketplace-product");
  await page.getByRole("button", { name: "Contact me" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("Alex Buyer");
  await shot("marketplace-contact-me");

  await page.goto("/signin?next=%2Fpartner");
  await shot("signin");
  await submitSignIn(page, "admin@contoso.example");
  await page.getByRole("table", { name: "Offers" }).waitFor();
  await shot("partner-overview");

  await page.goto("/partner/offers/new?type=dynamics-365-ce-powerapps");
  await page.getByLabel("Offer ID").fill("Contoso CRM");
  await page.getByLabel("Offer alias").fill("Contoso CRM (FY28)");
  await shot("partner-new-offer");

  await page.goto("/partner/offers/crm");
  await page.getByTestId("marketplace-link").waitFor();
  await shot("partner-offer-live");
  await page.goto("/partner/offers/crm/setup");
  await page.getByText("App license management is locked").waitFor();
  await shot("partner-offer-setup");
  await page.goto("/partner/offers/crm/plans");
  await page.getByTestId("service-id").first().waitFor();
  await shot("partner-plan-overview");
  await page.goto("/partner/offers/expenses/technical");
  await page.getByLabel("CRM Package URL").waitFor();
  await shot("partner-technical-configuration");
  await page.goto("/partner/offers/inventory/review");
  await page.getByRole("list", { name: "Review notifications" }).waitFor();
  await shot("partner-review-needs-attention");
  await page.goto("/partner/offers/helpdesk");
  await page.getByTestId("preview-link").waitFor();
  await shot("partner-offer-preview");
  await page.goto("/partner/leads");
  await page.getByRole("table", { name: "Leads" }).waitFor();
  await shot("partner-leads");
  await page.goto("/partner/offers/crm/audit");
  await page.getByRole("table", { name: "Audit log" }).waitFor();
  await shot("partner-audit-log");
  await page.goto("/partner/referrals/deals");
  await page.getByRole("table", { name: "Deals" }).waitFor();
  await shot("partner-deal-registration");
  await page
    .getByRole("table", { name: "Deals" })
    .getByRole("row")
    .filter({ hasText: "Contoso CRM" })
    .getByRole("link", { name: "Fabrikam, Inc." })
    .click();
  await page.getByRole("table", { name: "Deal details" }).waitFor();
  await shot("partner-deal-overview");
  await page.getByRole("tab", { name: "Manage licenses" }).click();
  await page.getByRole("table", { name: "Licenses" }).waitFor();
  await shot("partner-manage-licenses");
  await page.goto("/partner/installations");
  await page.getByRole("table", { name: "Installations" }).waitFor();
  await shot("partner-installations");

  // Usage by week (the demo's history is eight weeks long): the chart and its table, the whole page.
  await page.goto("/partner/usage?interval=week");
  await page.getByRole("table", { name: /^Seats by week/ }).waitFor();
  await page.getByRole("region", { name: /^Seats by week/ }).waitFor(); // the chart, loaded apart
  await shot("partner-usage", page, { fullPage: true });

  // Webhooks: an endpoint added with the dialog, its secret shown once; then its page after a test event, whose
  // delivery fails (the demo's host name doesn't resolve), saying why.
  const hook = "https://hooks.contoso.example/seatkeeper";
  await page.goto("/partner/settings/webhooks");
  await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const endpointDialog = page.getByRole("dialog");
  await endpointDialog.getByLabel(/^Endpoint URL/).fill(hook);
  await endpointDialog.getByLabel("Description").fill("CRM sync");
  for (const family of ["license", "seat"]) {
    await endpointDialog.getByRole("checkbox", { name: `All ${family} events (${family}.*)` }).check();
  }
  await endpointDialog.getByRole("button", { name: "Add endpoint" }).click();
  await endpointDialog.getByRole("textbox", { name: "Signing secret" }).waitFor();
  await page.getByTestId(`endpoint-${hook}`).waitFor();
  await shot("partner-webhook-secret");
  await endpointDialog.getByRole("button", { name: "Done" }).click();
  await endpointDialog.waitFor({ state: "detached" });
  await page.getByTestId(`endpoint-${hook}`).getByRole("link", { name: hook }).click();
  await page.getByRole("heading", { name: hook, level: 1 }).waitFor();
  await page.getByRole("button", { name: "Send test event" }).click();
  await page
    .getByRole("table", { name: "Deliveries" })
    .getByRole("row")
    .filter({ hasText: "webhook.ping" })
    .getByTestId("delivery-status")
    .getByText("Failed")
    .waitFor({ timeout: 30000 });
  await toast(page, "Test event sent").waitFor({ state: "detached" });
  await shot("partner-webhooks");
  await desktop.context.close();

  // The Admin Center: Adatum's pending invitation (signed out), then Fabrikam's admin.
  const admin = await newSession(browser, server.base, "admin");
  const ap = admin.page;
  const invitation = /invited to consent: (\S+)/.exec(server.setupOutput)?.[1];
  if (invitation) {
    await ap.goto(new URL(invitation).pathname);
    await ap.getByRole("heading", { name: /invites Adatum/ }).waitFor();
    await shot("admin-invitation", ap);
  }
  await ap.goto("/signin?next=%2Fadmin");
  await submitSignIn(ap, "admin@fabrikam.example");
  await ap.getByRole("heading", { name: "Your organization" }).waitFor();
  await shot("admin-home", ap);
  await ap.goto("/admin/licenses");
  await ap.getByRole("list", { name: "Licenses by plan" }).waitFor();
  await shot("admin-licenses", ap);
  await ap.goto("/admin/licenses/contoso.crm.basic");
  await ap.getByRole("table", { name: "Assigned users" }).waitFor();
  await shot("admin-license-assignments", ap);
  await ap.getByRole("button", { name: "Assign users" }).click();
  await ap.getByRole("dialog").getByRole("searchbox").fill("a");
  const directory = ap.getByRole("dialog").getByRole("group", { name: "Directory users" });
  await directory.getByRole("checkbox", { name: /adele\.vance/ }).check();
  await directory.getByRole("checkbox", { name: /diego\.siciliani/ }).check();
  await ap.getByRole("dialog").getByLabel("User principal names to add").fill("new.hire@fabrikam.example");
  await ap.getByRole("dialog").getByRole("button", { name: "Add", exact: true }).click();
  await shot("admin-assign-users", ap);
  await ap.goto("/admin/users");
  await ap.getByRole("table", { name: "Directory users" }).waitFor();
  await shot("admin-users", ap);
  await ap.goto("/admin/groups");
  await ap.getByRole("table", { name: "Groups" }).waitFor();
  await shot("admin-groups", ap);
  await ap.getByRole("table", { name: "Groups" }).getByRole("link").first().click();
  await ap.getByRole("table", { name: "Members" }).waitFor();
  await shot("admin-group", ap);
  await ap.goto("/admin/installations");
  await ap.getByRole("table", { name: "Installations" }).waitFor();
  await shot("admin-installations", ap);
  // Usage by week, and the Inactive seats of Contoso CRM Basic previewed (a dry run: nothing is unassigned).
  await ap.goto("/admin/usage?interval=week");
  await ap.getByRole("table", { name: /^Seats by week/ }).waitFor();
  await ap.getByRole("region", { name: /^Seats by week/ }).waitFor();
  const inactive = ap.getByRole("region", { name: "Inactive seats" });
  await inactive.getByRole("combobox", { name: "License" }).click();
  await ap.getByRole("option", { name: "Contoso CRM Basic (Contoso CRM)" }).click();
  await inactive.getByLabel("Not checked for (days)").fill("14");
  await inactive.getByRole("button", { name: "Preview" }).click();
  await inactive.getByRole("table", { name: "Seats to reclaim" }).waitFor();
  await shot("admin-usage", ap, { fullPage: true });
  // The Marketplace's Free trial, opened by Fabrikam's global admin: the plans that offer one.
  await ap.goto("/marketplace/product/contoso.crm");
  await ap.getByRole("heading", { name: "Plans" }).waitFor();
  await ap.getByRole("button", { name: "Free trial" }).click();
  await ap.getByRole("dialog").getByRole("radio", { name: /^Contoso CRM Basic: / }).check();
  await shot("marketplace-free-trial", ap);
  await admin.context.close();

  // A phone.
  const phone = await newSession(browser, server.base, "phone", { viewport: { width: 390, height: 844 } });
  await phone.page.goto("/marketplace/product/contoso.crm");
  await phone.page.getByRole("heading", { name: "Plans" }).waitFor();
  await phone.page.screenshot({ path: join(out, "phone-marketplace-product.png") });
  console.log("docs/screenshots/phone-marketplace-product.png");
  await phone.page.goto("/signin?next=%2Fpartner%2Foffers%2Finventory");
  await submitSignIn(phone.page, "admin@contoso.example");
  await phone.page.getByRole("list", { name: "Review notifications" }).waitFor();
  await phone.page.screenshot({ path: join(out, "phone-partner-offer.png") });
  console.log("docs/screenshots/phone-partner-offer.png");
  await phone.context.close();
  const phoneAdmin = await newSession(browser, server.base, "phone-admin", { viewport: { width: 390, height: 844 } });
  await phoneAdmin.page.goto("/signin?next=%2Fadmin%2Flicenses");
  await submitSignIn(phoneAdmin.page, "admin@fabrikam.example");
  await phoneAdmin.page.getByRole("list", { name: "Licenses by plan" }).waitFor();
  await phoneAdmin.page.locator(".fui-Spinner").waitFor({ state: "detached" }).catch(() => undefined);
  await phoneAdmin.page.screenshot({ path: join(out, "phone-admin-licenses.png") });
  console.log("docs/screenshots/phone-admin-licenses.png");
  await phoneAdmin.context.close();
} finally {
  await browser.close();
  await server.stop();
}
