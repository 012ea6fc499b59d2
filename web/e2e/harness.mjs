// Browser-test harness: a real `seatkeeper serve` on a free loopback port with a fresh SQLite database and a
// publisher made by `seatkeeper admin create-publisher`, a loopback file server for package zips (built here
// with fflate, shaped as /work/shared/PACKAGE.md says), and Debian's Chromium driven by playwright-core.
// On failure a test keeps a screenshot, a Playwright trace, the browser console and the server log under
// build/browser-artifacts/.
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import dgram from "node:dgram";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import axe from "axe-core";
import { strToU8, zipSync } from "fflate";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const webDir = resolve(here, "..");
export const repoDir = resolve(webDir, "..");
export const artifactsDir = process.env.SEATKEEPER_BROWSER_ARTIFACTS ?? join(repoDir, "build", "browser-artifacts");

export const PUBLISHER = { id: "contoso", name: "Contoso Ltd", email: "admin@contoso.example", password: "browser-test-pw-1" };

// The binary to test: SEATKEEPER_BIN, else the newest of the presets' builds.
export function seatkeeperBinary() {
  if (process.env.SEATKEEPER_BIN) return resolve(process.env.SEATKEEPER_BIN);
  const candidates = ["asan", "dev", "release"]
    .map((p) => join(repoDir, "build", p, "seatkeeper"))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!candidates[0]) throw new Error("no seatkeeper binary: build one (cmake --build --preset release) or set SEATKEEPER_BIN");
  return candidates[0];
}

export function chromiumPath() {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(path)) throw new Error(`${path} is missing: apt-get install chromium (scripts/dev test does)`);
  return path;
}

async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

// A Seatkeeper server of its own: fresh database, one publisher (or, with `demo`, the demo data of
// `seatkeeper demo-seed`), a short go-live delay; `env` adds settings (SEATKEEPER_DNS_RESOLVER, …).
export async function startSeatkeeper({ goLiveDelaySeconds = 1, demo = false, env: extraEnv = {} } = {}) {
  const bin = seatkeeperBinary();
  const dir = mkdtempSync(join(tmpdir(), "seatkeeper-browser-"));
  const database = `sqlite:${join(dir, "seatkeeper.db")}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    SEATKEEPER_PUBLIC_URL: base,
    SEATKEEPER_GO_LIVE_DELAY_SECONDS: String(goLiveDelaySeconds),
    SEATKEEPER_PACKAGE_ALLOW_PRIVATE_ADDRESSES: "true", // packages come from a loopback file server
    SEATKEEPER_REQUESTS_PER_SECOND: "0",
    SEATKEEPER_LOGINS_PER_MINUTE: "0",
    SEATKEEPER_LOG_LEVEL: "warn",
    SEATKEEPER_WEB_DIR: join(webDir, "dist"),
    ...extraEnv,
  };
  const setup = demo
    ? ["demo-seed", "--database", database]
    : ["admin", "create-publisher", "--database", database, "--id", PUBLISHER.id, "--name", PUBLISHER.name,
      "--admin-email", PUBLISHER.email, "--admin-password", PUBLISHER.password, "--admin-name", "Dana Admin"];
  // What the set-up printed (demo-seed prints the pending invitation's link).
  const setupOutput = execFileSync(bin, setup, { env, stdio: ["ignore", "pipe", "inherit"] }).toString();
  const log = [];
  const child = spawn(bin, ["serve", "--database", database, "--listen", `127.0.0.1:${port}`], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => log.push(String(d)));
  child.stderr.on("data", (d) => log.push(String(d)));
  const exited = new Promise((r) => child.once("exit", r));
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`seatkeeper serve exited:\n${log.join("")}`);
    if (Date.now() > deadline) throw new Error(`seatkeeper serve did not answer within 30 s:\n${log.join("")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    log,
    setupOutput,
    databaseFile: join(dir, "seatkeeper.db"),
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A solution package zip (PACKAGE.md): solution.xml, ServicePlans.xml listing `serviceIds`, and the app
// module mapping of each.
export function packageZip(publisher, serviceIds) {
  const plans = serviceIds
    .map((sid) => `  <ServicePlan><ServiceId>${sid}</ServiceId><DisplayName>${sid}</DisplayName><MoreInfoUrl>https://${publisher}.example/</MoreInfoUrl></ServicePlan>`)
    .join("\n");
  const modules = serviceIds
    .map((sid) => `  <ServicePlanAppModule><ServiceId>${sid}</ServiceId><AppModule>${publisher}_app</AppModule></ServicePlanAppModule>`)
    .join("\n");
  return Buffer.from(
    zipSync({
      "solution.xml": strToU8(
        `<ImportExportXml><SolutionManifest><UniqueName>${publisher}solution</UniqueName><Version>1.0.0.0</Version>` +
          `<Publisher><UniqueName>${publisher}</UniqueName></Publisher></SolutionManifest></ImportExportXml>`,
      ),
      "[Content_Types].xml": strToU8('<?xml version="1.0" encoding="utf-8"?><Types/>'),
      "customizations.xml": strToU8("<ImportExportXml/>"),
      "ServicePlans/ServicePlans.xml": strToU8(`<ServicePlans>\n${plans}\n</ServicePlans>`),
      "ServicePlans/ServicePlansAppModules.xml": strToU8(`<ServicePlanAppModules>\n${modules}\n</ServicePlanAppModules>`),
    }),
  );
}

// Serves `files` (path → Buffer) on a loopback port, like a publisher's download site.
export async function startFileServer(files) {
  const server = createServer((req, res) => {
    const body = files.get(new URL(req.url ?? "/", "http://x").pathname);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "application/zip", "Content-Length": body.length }).end(body);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  return { url: (path) => `http://127.0.0.1:${port}${path}`, stop: () => new Promise((r) => server.close(r)) };
}

export async function launchBrowser() {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...(root ? ["--no-sandbox"] : []), "--disable-dev-shm-usage"],
  });
}

// A browser context at desktop size with tracing on; `pageErrors` collects uncaught exceptions, `console`
// every console line (both kept as artifacts).
export async function newSession(browser, base, name, { viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ baseURL: base, viewport, acceptDownloads: true, locale: "en-US" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  await context.tracing.start({ screenshots: true, snapshots: true, title: name });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const consoleLines = [];
  const pageErrors = [];
  page.on("console", (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  return { context, page, console: consoleLines, pageErrors, name };
}

// Runs `body`; on failure keeps screenshot, trace, console and server log, then rethrows. Always closes.
export async function withArtifacts(testName, sessions, server, body) {
  try {
    await body();
    for (const s of sessions()) {
      if (s.pageErrors.length > 0) throw new Error(`uncaught errors in the page (${s.name}):\n${s.pageErrors.join("\n")}`);
    }
    for (const s of sessions()) await s.context.tracing.stop();
  } catch (error) {
    const dir = join(artifactsDir, `${testName.replace(/[^a-z0-9-]+/gi, "-")}-${Date.now()}`);
    mkdirSync(dir, { recursive: true });
    for (const s of sessions()) {
      try {
        await s.page.screenshot({ path: join(dir, `${s.name}.png`), fullPage: true });
      } catch {
        // the page may be gone
      }
      try {
        await s.context.tracing.stop({ path: join(dir, `${s.name}-trace.zip`) });
      } catch {
        // tracing may have stopped
      }
      writeFileSync(join(dir, `${s.name}-console.txt`), [...s.console, ...s.pageErrors.map((e) => `[pageerror] ${e}`)].join("\n"));
    }
    if (server) writeFileSync(join(dir, "server.log"), server.log.join(""));
    console.error(`browser artifacts kept in ${dir}`);
    throw error;
  } finally {
    for (const s of sessions()) await s.context.close().catch(() => undefined);
  }
}

// API calls for setting up a test quickly (what the browser flow does not test): a signed-in client.
export async function apiClient(base, email, password) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
  const { csrf_token: csrf } = await login.json();
  return async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { Cookie: cookie, "X-CSRF-Token": csrf, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

export function readText(path) {
  return readFileSync(path, "utf8");
}

// The password `seatkeeper demo-seed` gives every demo account.
export const DEMO_PASSWORD = "demo-password-1";

// A test file's demo world: before its tests, a server of its own with the demo data (and `env`'s settings), a
// browser, and an API client signed in as Contoso's admin; after them, all stopped. Call it once at the top of the
// file; the fields are set once the file's before() hook has run.
export function demoSuite({ env } = {}) {
  const demo = { server: undefined, browser: undefined, call: undefined };
  before(async () => {
    demo.server = await startSeatkeeper({ demo: true, env });
    demo.browser = await launchBrowser();
    demo.call = await apiClient(demo.server.base, "admin@contoso.example", DEMO_PASSWORD);
  });
  after(async () => {
    await demo.browser?.close();
    await demo.server?.stop();
  });
  return demo;
}

// Fills in and sends the sign-in page the browser is on. The password field's whole label (its text ends in the
// required "*"): a toast about a password is labelled by its title too.
export async function submitSignIn(page, email, password = DEMO_PASSWORD) {
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel(/^Password\*?$/).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

// Signs in through the sign-in page and waits until it has sent the browser on to `next` (without `next`:
// away from the sign-in page, to the account's home).
export async function signIn(page, email, { next, password = DEMO_PASSWORD } = {}) {
  await page.goto(next ? `/signin?next=${encodeURIComponent(next)}` : "/signin");
  await submitSignIn(page, email, password);
  const path = next && new URL(next, "http://x").pathname;
  await page.waitForURL((url) => (path ? url.pathname === path : url.pathname !== "/signin"));
}

// The toast with this title (Fluent also repeats it in an aria-live region, which is not what we look for).
export function toast(page, title) {
  return page.locator(".fui-ToastTitle").filter({ hasText: title }).first();
}

// A real DNS server for domain verification (tests/support/dns_server.py, Debian's python3-dnslib) on a UDP
// port of 127.0.0.1, answering TXT records from `setTxt(name, records)`.
export async function startDnsServer() {
  const dir = mkdtempSync(join(tmpdir(), "seatkeeper-dns-"));
  const records = join(dir, "records.json");
  const ready = join(dir, "ready");
  const all = {};
  const write = () => {
    writeFileSync(`${records}.tmp`, JSON.stringify(all));
    renameSync(`${records}.tmp`, records);
  };
  write();
  const socket = dgram.createSocket("udp4");
  await new Promise((r) => socket.bind(0, "127.0.0.1", r));
  const { port } = socket.address();
  await new Promise((r) => socket.close(r));
  const script = join(repoDir, "tests", "support", "dns_server.py");
  const child = spawn("/usr/bin/python3", [script, "--listen", `127.0.0.1:${port}`, "--records", records, "--ready", ready], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 30000;
  while (!existsSync(ready)) {
    if (child.exitCode !== null) throw new Error("the DNS server exited at start; is python3-dnslib installed?");
    if (Date.now() > deadline) throw new Error("the DNS server did not start within 30 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    resolver: `127.0.0.1:${port}`,
    setTxt(name, texts) {
      all[name] = texts;
      write();
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The body of the last mail to `to` whose subject starts with `subject`, as `server` (startSeatkeeper) sent it:
// no SMTP server is configured, so it waits in the outbox (the mails table); the C++ InvitationMail and
// StaffAccounts tests read theirs from a real SMTP sink instead. The addresses and subjects are the tests' own.
export function lastMail(server, to, subject) {
  const body = execFileSync("sqlite3", [
    server.databaseFile,
    `SELECT body FROM mails WHERE to_address = '${to}' AND subject LIKE '${subject}%' ORDER BY created_at DESC, rowid DESC LIMIT 1`,
  ]).toString();
  if (!body.trim()) throw new Error(`no mail "${subject}…" to ${to}`);
  return body;
}

// The sign-up code last mailed to `to`.
export function mailedSignupCode(server, to) {
  const body = lastMail(server, to, "Your sign-up code");
  const code = /\s(\d{8})\s/.exec(body)?.[1];
  if (!code) throw new Error(`no sign-up code in the mail to ${to}:\n${body}`);
  return code;
}

// The password reset link last mailed to `to` (the server's public URL, so the harness's base).
export function mailedResetLink(server, to) {
  const body = lastMail(server, to, "Reset your Seatkeeper password");
  const link = /(https?:\/\/\S+\/password-reset\/\S+)/.exec(body)?.[1];
  if (!link) throw new Error(`no reset link in the mail to ${to}:\n${body}`);
  return link;
}

// The rules axe checks: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

// What axe-core finds wrong with the page as it stands: one entry per rule broken, with the rule, its impact,
// what it asks for, where to read more, and each element that breaks it (its CSS selector, the start of its
// HTML and what axe says to fix). axe is put into the page through the DevTools protocol (page.evaluate),
// which the page's Content-Security-Policy does not stop.
//
// Every rule of those tags runs. One kind of node is left out of one rule, not the rule itself: Fluent UI's
// focus manager (tabster) puts `<i tabindex="0" aria-hidden="true" data-tabster-dummy>` sentinels around the
// body (once any menu or dialog exists) and around arrow-key groups such as a TabList. They are focusable on
// purpose, for an instant: a Tab that lands on one is sent on to the right element at once, and they are
// hidden so that screen readers never announce them. axe's aria-hidden-focus cannot know that; Fluent calls
// it by design (microsoft/fluentui#27517, microsoft/tabster#288) and Microsoft's Accessibility Insights drops
// the same nodes from that rule. Any other aria-hidden element that can take focus still fails, as does an
// aria-hidden container around a real control.
export async function axeViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    const isTabsterSentinel = (selector) => {
      const e = document.querySelector(selector);
      return e !== null && e.hasAttribute("data-tabster-dummy") && e.children.length === 0;
    };
    return result.violations
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes
          .filter((n) => !(v.id === "aria-hidden-focus" && n.target.length === 1 && isTabsterSentinel(n.target[0])))
          .map((n) => ({
            target: n.target.join(" "),
            html: n.html.slice(0, 200),
            fix: (n.failureSummary ?? "").replace(/\s+/g, " ").trim(),
          })),
      }))
      .filter((v) => v.nodes.length > 0);
  }, AXE_TAGS);
  return violations;
}

// axeViolations(page) as text, for an assertion's message: a line per rule broken, then a line per element.
export function formatAxeViolations(violations) {
  return violations
    .map(
      (v) =>
        `axe ${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}\n` +
        v.nodes.map((n) => `    at ${n.target}: ${n.html}\n      ${n.fix}`).join("\n"),
    )
    .join("\n");
}

// axe on the page once it has settled: no short animation running (a dialog or a toast fading in or out, whose
// colours are not yet their own; a toast's own dismissal timer is longer and left alone), and the page behind
// no longer hidden from screen readers once no dialog is open.
export async function assertNoAxeViolations(page, where) {
  await page.waitForFunction(() => {
    const moving = document
      .getAnimations()
      .some((a) => a.playState === "running" && (a.effect?.getComputedTiming().endTime ?? 0) < 2000);
    const hidden = document.getElementById("root")?.getAttribute("aria-hidden") === "true";
    return !moving && (!hidden || document.querySelector("[role=dialog]") !== null);
  });
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${where}:\n${formatAxeViolations(violations)}`);
}

// The day `n` days from today (UTC), as YYYY-MM-DD: the server's statuses and terms count UTC days.
export function utcDay(n) {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

// A day as the pages write it (formatDate, the sessions' en-US locale).
export function shownDay(date) {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}
