// Screenshots of the main pages for docs/screenshots/ (shown in the README), taken with the browser-test
// set-up against a fresh server with the demo data: `npm run screenshots` (after a build of the server and
// of the web UI).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser, newSession, repoDir, startSeatkeeper } from "./harness.mjs";

const out = join(repoDir, "docs", "screenshots");
mkdirSync(out, { recursive: true });

const server = await startSeatkeeper({ demo: true });
const browser = await launchBrowser();
try {
  const desktop = await newSession(browser, server.base, "desktop");
  const page = desktop.page;
  const shot = async (name) => {
    await page.waitForLoadState("networkidle");
    await page.locator(".fui-Spinner").waitFor({ state: "detached" }).catch(() => undefined);
    await page.screenshot({ path: join(out, `${name}.png`) });
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
  await page.getByLabel("E-mail address").fill("admin@contoso.example");
  await page.getByLabel("Password").fill("demo-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
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
  await desktop.context.close();

  // A phone.
  const phone = await newSession(browser, server.base, "phone", { viewport: { width: 390, height: 844 } });
  await phone.page.goto("/marketplace/product/contoso.crm");
  await phone.page.getByRole("heading", { name: "Plans" }).waitFor();
  await phone.page.screenshot({ path: join(out, "phone-marketplace-product.png") });
  console.log("docs/screenshots/phone-marketplace-product.png");
  await phone.page.goto("/signin?next=%2Fpartner%2Foffers%2Finventory");
  await phone.page.getByLabel("E-mail address").fill("admin@contoso.example");
  await phone.page.getByLabel("Password").fill("demo-password-1");
  await phone.page.getByRole("button", { name: "Sign in" }).click();
  await phone.page.getByRole("list", { name: "Review notifications" }).waitFor();
  await phone.page.screenshot({ path: join(out, "phone-partner-offer.png") });
  console.log("docs/screenshots/phone-partner-offer.png");
  await phone.context.close();
} finally {
  await browser.close();
  await server.stop();
}
