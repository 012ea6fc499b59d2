// Staff accounts in the browser, against the demo data. Partner Center: a global admin changes a user's role
// (their open session has it at once), disables them (their open page is signed out at its next request and
// their sign-in refused), enables and deletes them; their own row offers no disable or delete, and demoting
// the last global admin is refused with the server's words. Admin Center: the same page for the tenant's
// admins, read-only for a license admin; changing one's password signs out the other browser, not this one,
// and the old password no longer signs in. Signed out: "Forgot password?" answers the same for any address,
// and the mailed link (read from the outbox) sets a new password once and ends the user's sessions.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  apiClient,
  DEMO_PASSWORD,
  launchBrowser,
  mailedResetLink,
  newSession,
  signIn,
  startSeatkeeper,
  submitSignIn,
  toast,
  withArtifacts,
} from "./harness.mjs";

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

const WRONG_PASSWORD = "e-mail address or password is wrong";
// The reset page's two fields (a required field's label text ends in its "*").
const NEW_PASSWORD = /^New password\*?$/;
const NEW_PASSWORD_AGAIN = /^New password, again\*?$/;

// Opens the row's confirmation dialog by the button's accessible name, and confirms it with `confirm`.
async function confirmIn(page, button, confirm) {
  await page.getByRole("button", { name: button }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: confirm, exact: true }).click();
  return dialog;
}

// Changes the role of `email` on the staff page through its dialog; resolves with the dialog.
async function changeRole(page, email, roleLabel) {
  await page.getByRole("button", { name: `Change role of ${email}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: roleLabel, exact: true }).click();
  await dialog.getByRole("button", { name: "Change role", exact: true }).click();
  return dialog;
}

// The role the account menu names (the header shows the session's user as the server last said).
async function menuRole(page, email) {
  await page.getByRole("button", { name: `Account: ${email}` }).click();
  const text = await page.getByRole("menuitem").filter({ hasText: email }).textContent();
  await page.keyboard.press("Escape");
  return text;
}

test("Partner Center Users: a role change, disabling (signed out at once), enabling and deleting", async () => {
  const sessions = [];
  await withArtifacts("staff-partner", () => sessions, server, async () => {
    const contoso = await apiClient(server.base, "admin@contoso.example", DEMO_PASSWORD);
    await contoso("POST", "/api/v1/users", {
      email: "leaver@contoso.example",
      name: "Lee Leaver",
      password: "leaver-password-1",
      role: "viewer",
    });
    const admin = await newSession(browser, server.base, "admin");
    const leaver = await newSession(browser, server.base, "leaver");
    sessions.push(admin, leaver);
    await signIn(leaver.page, "leaver@contoso.example", { next: "/partner", password: "leaver-password-1" });
    await signIn(admin.page, "admin@contoso.example", { next: "/partner/settings/users" });
    assert.match(await menuRole(leaver.page, "leaver@contoso.example"), /viewer$/);

    const row = admin.page.getByTestId("staff-leaver@contoso.example");
    await row.getByText("Viewer").waitFor();
    await changeRole(admin.page, "leaver@contoso.example", "Developer");
    await toast(admin.page, "Role changed").waitFor();
    await row.getByText("Developer").waitFor();
    // The leaver's session stays and has the new role.
    await leaver.page.reload();
    assert.match(await menuRole(leaver.page, "leaver@contoso.example"), /developer$/);

    await row.getByText("Active").waitFor();
    await confirmIn(admin.page, "Disable leaver@contoso.example", "Disable");
    await toast(admin.page, "Account disabled").waitFor();
    await row.getByText("Disabled").waitFor();

    // The leaver's open page: its next request is refused, and the app sends them to the sign-in page.
    await leaver.page.getByRole("link", { name: "Leads" }).click();
    await leaver.page.waitForURL(/\/signin/);
    await submitSignIn(leaver.page, "leaver@contoso.example", "leaver-password-1");
    await leaver.page.getByText(WRONG_PASSWORD, { exact: false }).waitFor();

    await confirmIn(admin.page, "Enable leaver@contoso.example", "Enable");
    await toast(admin.page, "Account enabled").waitFor();
    await row.getByText("Active").waitFor();
    await submitSignIn(leaver.page, "leaver@contoso.example", "leaver-password-1");
    await leaver.page.waitForURL((url) => url.pathname.startsWith("/partner"));

    await confirmIn(admin.page, "Delete leaver@contoso.example", "Delete");
    await toast(admin.page, "Account deleted").waitFor();
    await row.waitFor({ state: "detached" });
    await leaver.page.reload();
    await leaver.page.waitForURL(/\/signin/);
    await submitSignIn(leaver.page, "leaver@contoso.example", "leaver-password-1");
    await leaver.page.getByText(WRONG_PASSWORD, { exact: false }).waitFor();

    // One's own row: no disable or delete; demoting the last global admin is refused in the server's words.
    const own = admin.page.getByTestId("staff-admin@contoso.example");
    await own.getByText("(you)").waitFor();
    assert.equal(await own.getByRole("button", { name: /^(Disable|Delete) / }).count(), 0);
    const dialog = await changeRole(admin.page, "admin@contoso.example", "Viewer");
    await dialog.getByText("Couldn't change the role").waitFor();
    await dialog.getByText("admin@contoso.example is the last active global admin", { exact: false }).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    await own.getByText("Global admin", { exact: true }).waitFor();
  });
});

test("Admin Center Staff accounts: a global admin manages the tenant's admins; a license admin only sees them", async () => {
  const sessions = [];
  await withArtifacts("staff-admin", () => sessions, server, async () => {
    const fabrikam = await apiClient(server.base, "admin@fabrikam.example", DEMO_PASSWORD);
    await fabrikam("POST", "/api/v1/users", {
      email: "temp@fabrikam.example",
      name: "Tim Temp",
      password: "temp-password-1",
      role: "license_admin",
    });
    const admin = await newSession(browser, server.base, "admin");
    const temp = await newSession(browser, server.base, "temp");
    sessions.push(admin, temp);
    await signIn(temp.page, "temp@fabrikam.example", { next: "/admin/licenses", password: "temp-password-1" });
    await signIn(admin.page, "admin@fabrikam.example", { next: "/admin/licenses" });
    await admin.page.getByRole("link", { name: "Staff accounts" }).click();
    await admin.page.waitForURL(/\/admin\/staff$/);

    const row = admin.page.getByTestId("staff-temp@fabrikam.example");
    await row.getByText("License admin").waitFor();
    await changeRole(admin.page, "temp@fabrikam.example", "Billing admin");
    await toast(admin.page, "Role changed").waitFor();
    await row.getByText("Billing admin").waitFor();

    await confirmIn(admin.page, "Disable temp@fabrikam.example", "Disable");
    await toast(admin.page, "Account disabled").waitFor();
    await temp.page.getByRole("link", { name: "Groups" }).click();
    await temp.page.waitForURL(/\/signin/);

    await confirmIn(admin.page, "Delete temp@fabrikam.example", "Delete");
    await toast(admin.page, "Account deleted").waitFor();
    await row.waitFor({ state: "detached" });

    // A license admin sees the accounts but no actions.
    await signIn(temp.page, "licenses@fabrikam.example", { next: "/admin/staff" });
    await temp.page.getByTestId("staff-admin@fabrikam.example").getByText("Global admin", { exact: true }).waitFor();
    assert.equal(await temp.page.getByRole("button", { name: /^Change role of / }).count(), 0);
  });
});

test("changing one's password signs out the other browser, not this one; the old password stops working", async () => {
  const sessions = [];
  await withArtifacts("staff-password", () => sessions, server, async () => {
    const here = await newSession(browser, server.base, "here");
    const elsewhere = await newSession(browser, server.base, "elsewhere");
    sessions.push(here, elsewhere);
    await signIn(elsewhere.page, "licenses@fabrikam.example", { next: "/admin/licenses" });
    await signIn(here.page, "licenses@fabrikam.example", { next: "/admin/licenses" });

    await here.page.getByRole("button", { name: "Account: licenses@fabrikam.example" }).click();
    await here.page.getByRole("menuitem", { name: "Change password" }).click();
    const dialog = here.page.getByRole("dialog");
    await dialog.getByLabel("Current password").fill("not-my-password");
    await dialog.getByLabel("New password").fill("a-brand-new-password");
    await dialog.getByRole("button", { name: "Change password" }).click();
    await dialog.getByText("current_password is not your password").waitFor();

    await dialog.getByLabel("Current password").fill(DEMO_PASSWORD);
    await dialog.getByRole("button", { name: "Change password" }).click();
    await toast(here.page, "Password changed").waitFor();
    await dialog.waitFor({ state: "detached" });

    await here.page.getByRole("link", { name: "Groups" }).click();
    await here.page.waitForURL(/\/admin\/groups$/);
    await elsewhere.page.getByRole("link", { name: "Groups" }).click();
    await elsewhere.page.waitForURL(/\/signin/);
    await submitSignIn(elsewhere.page, "licenses@fabrikam.example", DEMO_PASSWORD);
    await elsewhere.page.getByText(WRONG_PASSWORD, { exact: false }).waitFor();
    await submitSignIn(elsewhere.page, "licenses@fabrikam.example", "a-brand-new-password");
    await elsewhere.page.waitForURL(/\/admin\/groups$/);
  });
});

test("Forgot password? answers the same for any address; the mailed link sets a new password once", async () => {
  const sessions = [];
  await withArtifacts("staff-reset", () => sessions, server, async () => {
    const s = await newSession(browser, server.base, "forgot");
    const signedIn = await newSession(browser, server.base, "signed-in");
    sessions.push(s, signedIn);
    await signIn(signedIn.page, "billing@fabrikam.example", { next: "/admin/licenses" });

    const answers = [];
    for (const email of ["billing@fabrikam.example", "nobody@fabrikam.example"]) {
      await s.page.goto("/signin");
      await s.page.getByRole("link", { name: "Forgot password?" }).click();
      await s.page.waitForURL(/\/password-reset$/);
      await s.page.getByLabel("E-mail address").fill(email);
      await s.page.getByRole("button", { name: "Mail me a link" }).click();
      const status = s.page.getByRole("status");
      await status.waitFor();
      answers.push(await status.textContent());
    }
    assert.equal(answers[0], answers[1]);
    assert.match(answers[0], /Check your mailbox/);

    const link = mailedResetLink(server, "billing@fabrikam.example");
    assert.ok(link.startsWith(`${server.base}/password-reset/`), link);
    await s.page.goto(link);
    await s.page.getByLabel(NEW_PASSWORD).fill("reset-password-1");
    await s.page.getByLabel(NEW_PASSWORD_AGAIN).fill("reset-password-2");
    await s.page.getByRole("button", { name: "Set password" }).click();
    await s.page.getByText("The two passwords differ").waitFor();
    await s.page.getByLabel(NEW_PASSWORD_AGAIN).fill("reset-password-1");
    await s.page.getByRole("button", { name: "Set password" }).click();
    await toast(s.page, "Password set").waitFor();
    await s.page.waitForURL(/\/signin$/);
    await submitSignIn(s.page, "billing@fabrikam.example", DEMO_PASSWORD);
    await s.page.getByText(WRONG_PASSWORD, { exact: false }).waitFor();
    await submitSignIn(s.page, "billing@fabrikam.example", "reset-password-1");
    await s.page.waitForURL((url) => url.pathname.startsWith("/admin"));

    // The reset ended the sessions the user had; the link works once.
    await signedIn.page.getByRole("link", { name: "Groups" }).click();
    await signedIn.page.waitForURL(/\/signin/);
    await signedIn.page.goto(link);
    await signedIn.page.getByLabel(NEW_PASSWORD).fill("another-password-1");
    await signedIn.page.getByLabel(NEW_PASSWORD_AGAIN).fill("another-password-1");
    await signedIn.page.getByRole("button", { name: "Set password" }).click();
    await signedIn.page.getByText("this password reset link was used already", { exact: false }).waitFor();

    await s.page.goto("/password-reset/unknown.forged");
    await s.page.getByLabel(NEW_PASSWORD).fill("whatever-password-1");
    await s.page.getByLabel(NEW_PASSWORD_AGAIN).fill("whatever-password-1");
    await s.page.getByRole("button", { name: "Set password" }).click();
    await s.page.getByText("this password reset link is unknown", { exact: false }).waitFor();
  });
});
