// Every main page of the three surfaces, against the demo data, at 1280×800 and at a phone's 390×844: the page
// never scrolls sideways (wide tables scroll inside their own box), every control a keyboard reaches has a
// name a screen reader can read, the page has one h1, axe-core finds no violation of the WCAG 2 A and AA rules,
// and nothing throws. These are the "no layout break" and "keyboard access and labels" promises of issue 5 and
// the accessibility check of issue 12, checked on real pages rather than by eye.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { axeViolations, formatAxeViolations, launchBrowser, newSession, signIn, startSeatkeeper, withArtifacts } from "./harness.mjs";

const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
];

// Pages per account; each waits for its h1 before it is checked. A page is its path, or its path and the name
// of a button to press first (a form or dialog the page opens). "{invitation}" is the demo's pending invitation
// (to Adatum), "{deal}" the demo's won Fabrikam deal of Contoso CRM and "{group}" a group of Fabrikam's directory.
const SURFACES = [
  {
    account: null,
    pages: [
      "/signin",
      "/password-reset",
      "/marketplace",
      "/marketplace/product/contoso.crm",
      "/marketplace/product/contoso.field-service",
      { path: "/marketplace/product/contoso.field-service", press: "Contact me" },
      "/admin/invitations/{invitation}",
      { path: "/admin/invitations/{invitation}", press: "New to Seatkeeper? Create your organization" },
    ],
  },
  {
    account: "admin@contoso.example",
    pages: [
      "/partner",
      "/partner/offers/new",
      "/partner/offers/crm",
      "/partner/offers/crm/setup",
      "/partner/offers/crm/plans",
      "/partner/offers/crm/plans/new",
      "/partner/offers/crm/plans/basic",
      "/partner/offers/crm/technical",
      "/partner/offers/crm/review",
      "/partner/offers/crm/audit",
      "/partner/leads",
      "/partner/referrals/deals",
      "/partner/referrals/deals/new",
      "/partner/referrals/deals/{deal}",
      "/partner/referrals/deals/{deal}/licenses",
      { path: "/partner/referrals/deals/{deal}/licenses", press: "Remove the licenses for Contoso CRM Basic" },
      "/partner/referrals/deals/{deal}/audit",
      "/partner/installations",
      "/partner/usage",
      "/partner/settings/users",
      "/partner/settings/webhooks",
      { path: "/partner/settings/webhooks", press: "Add endpoint" },
    ],
  },
  {
    account: "admin@fabrikam.example",
    pages: [
      "/admin",
      "/admin/licenses",
      "/admin/licenses/contoso.crm.basic",
      { path: "/admin/licenses/contoso.crm.basic", press: "Assign users" },
      "/admin/users",
      "/admin/groups",
      "/admin/groups/{group}",
      "/admin/installations",
      "/admin/domains",
      "/admin/staff",
      "/admin/usage",
      "/admin/webhooks",
    ],
  },
  {
    account: "admin@adatum.example",
    pages: ["/admin/invitations/{invitation}"],
  },
];

// The IDs the pages' paths name, as the signed-in account's API lists them (the visitor's: the invitation only).
async function pathIds(page, account, setupOutput) {
  const invitation = /invited to consent: \S+\/admin\/invitations\/(\S+)/.exec(setupOutput)?.[1];
  assert.ok(invitation, `no invitation link in the demo-seed output:\n${setupOutput}`);
  if (!account) return { invitation };
  const ids = await page.evaluate(async () => {
    const first = async (path, which = () => true) => {
      const r = await fetch(path);
      return r.ok ? (await r.json()).items.find(which)?.id : undefined;
    };
    const me = await fetch("/api/v1/auth/me");
    const kind = me.ok ? (await me.json()).user.kind : undefined;
    return {
      deal: kind === "publisher" ? await first("/api/v1/deals?state=won", (d) => d.offer_id === "crm") : undefined,
      group: kind === "tenant" ? await first("/api/v1/tenant/groups") : undefined,
    };
  });
  return { ...ids, invitation };
}

let server;
let browser;

before(async () => {
  server = await startSeatkeeper({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});


// What is wrong with the page as it stands: sideways scrolling, nameless controls, not exactly one h1.
function layoutProblems() {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    // Name the widest offenders, so a failure says what to fix.
    const clipped = (e) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible") return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll("*")]
      .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1 && !clipped(e))
      .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= root.clientWidth + 1)
      .slice(0, 3)
      .map((e) => e.outerHTML.slice(0, 160));
    problems.push(`scrolls sideways: ${root.scrollWidth}px wide in ${root.clientWidth}px; ${wide.join(" | ")}`);
  }
  const visible = (e) => {
    const r = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && style.visibility !== "hidden" && style.display !== "none";
  };
  const nameOf = (e) => {
    const labelledBy = e.getAttribute("aria-labelledby");
    const byIds = labelledBy
      ? labelledBy
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? "")
          .join(" ")
      : "";
    const labels = "labels" in e && e.labels ? [...e.labels].map((l) => l.textContent).join(" ") : "";
    const images = [...e.querySelectorAll("img[alt], svg[aria-label]")]
      .map((i) => i.getAttribute("alt") ?? i.getAttribute("aria-label"))
      .join(" ");
    return [e.getAttribute("aria-label"), byIds, labels, e.textContent, e.getAttribute("title"), images]
      .filter(Boolean)
      .join(" ")
      .trim();
  };
  const controls = document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=combobox], [role=tab]",
  );
  for (const c of controls) {
    if (!visible(c) || c.closest("[aria-hidden=true]")) continue;
    if (!nameOf(c)) problems.push(`no accessible name: ${c.outerHTML.slice(0, 160)}`);
  }
  const headings = [...document.querySelectorAll("h1")].filter(visible).length;
  if (headings !== 1) problems.push(`${headings} visible h1 headings`);
  return problems;
}

for (const { name, viewport } of VIEWPORTS) {
  test(`main pages at ${name} size (${viewport.width}×${viewport.height}) neither scroll sideways nor have nameless controls nor axe violations`, async () => {
    const sessions = [];
    await withArtifacts(`layout-${name}`, () => sessions, server, async () => {
      const found = [];
      for (const { account, pages } of SURFACES) {
        const s = await newSession(browser, server.base, `${name}-${account ?? "visitor"}`, { viewport });
        sessions.push(s);
        const { page } = s;
        if (account) await signIn(page, account);
        const ids = await pathIds(page, account, server.setupOutput);
        for (const entry of pages) {
          const { path: template, press } = typeof entry === "string" ? { path: entry } : entry;
          const path = template.replace(/\{(\w+)\}/g, (_, key) => {
            assert.ok(ids[key], `no ${key} for ${account ?? "a visitor"} to put into ${template}`);
            return encodeURIComponent(ids[key]);
          });
          const where = press ? `${path} after pressing ${press}` : path;
          await page.goto(path);
          await page
            .locator("h1")
            .first()
            .waitFor()
            .catch((e) => {
              throw new Error(`${path} shows no h1: ${e.message}`);
            });
          await page.waitForLoadState("networkidle");
          await page.getByRole("progressbar").waitFor({ state: "detached" }).catch(() => undefined);
          if (press) {
            await page.getByRole("button", { name: press, exact: true }).click();
            await page.waitForLoadState("networkidle");
            // What the button opened has settled (a dialog's entrance animation, a form's first render).
            await page.waitForTimeout(400);
          }
          for (const p of await page.evaluate(layoutProblems)) found.push(`${where}: ${p}`);
          const violations = await axeViolations(page);
          if (violations.length > 0) found.push(`${where}:\n${formatAxeViolations(violations)}`);
        }
      }
      // Every problem of every page at once, each page and axe rule on its own lines.
      if (found.length > 0) assert.fail(`${found.length} page(s) with problems:\n${found.join("\n")}`);
    });
  });
}
