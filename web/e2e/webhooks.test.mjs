// Webhooks (issue 15) by clicking, against a real server with the demo data and a receiver of our own (node:http
// on 127.0.0.1, which the server may call because the test allows private addresses): Contoso's global admin adds
// an endpoint with the events picker and sees its secret once, sends a test event and sees its delivery succeed
// (the receiver checks the signature with that secret), redelivers it, and sees a failing endpoint's delivery say
// what it answered, edits one, rotates its secret and replays the feed to it; Fabrikam's global admin adds one on
// the Admin Center's page, with the tenant's API. axe checks the pages and dialogs.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import { assertNoAxeViolations, demoSuite, newSession, signIn, toast, withArtifacts } from "./harness.mjs";

const demo = demoSuite({
  env: { SEATKEEPER_WEBHOOK_ALLOW_PRIVATE_ADDRESSES: "true", SEATKEEPER_WEBHOOK_RETRY_DELAY_SECONDS: "1" },
});

// A webhook receiver: every POST it gets (path, headers, body), answered with the status its path asks for
// (/fail answers 500, anything else 200).
let receiver;
before(async () => {
  const received = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(req.url === "/fail" ? 500 : 200, { "Content-Type": "text/plain" }).end("ok");
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  receiver = {
    received,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    // The requests to `path` of event type `type`, once there are at least `count`.
    async waitFor(path, type, count = 1) {
      const deadline = Date.now() + 20000;
      for (;;) {
        const found = received.filter((r) => r.path === path && r.headers["seatkeeper-event-type"] === type);
        if (found.length >= count) return found;
        if (Date.now() > deadline) throw new Error(`the receiver got ${found.length} ${type} on ${path}, not ${count}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: () => new Promise((r) => server.close(r)),
  };
});
after(() => receiver?.stop());

// Seatkeeper-Signature: t=UNIX,v1=HEX with HEX = HMAC-SHA256(secret, "{t}.{body}") (API.md).
function assertSigned(request, secret) {
  const header = request.headers["seatkeeper-signature"] ?? "";
  const t = /(?:^|,)t=(\d+)/.exec(header)?.[1];
  const v1 = [...header.matchAll(/(?:^|,)v1=([0-9a-f]+)/g)].map((m) => m[1]);
  assert.ok(t, `no timestamp in Seatkeeper-Signature: ${header}`);
  const expected = createHmac("sha256", secret).update(`${t}.${request.body}`).digest("hex");
  assert.ok(v1.includes(expected), `Seatkeeper-Signature ${header} is not signed with the secret shown`);
}

// Adds an endpoint through the dialog of the Webhooks page the browser is on, and answers the secret it showed.
async function addEndpoint(page, { url, description, families = [], types = [] }) {
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/^Endpoint URL/).fill(url);
  await dialog.getByLabel("Description").fill(description);
  for (const family of families) await dialog.getByRole("checkbox", { name: `All ${family} events (${family}.*)` }).check();
  for (const type of types) {
    // A family's types are behind its disclosure.
    const family = type.slice(0, type.indexOf("."));
    await dialog.getByRole("group", { name: `All ${family} events (${family}.*)` }).getByRole("button", { name: /^(Choose among|Show) the/ }).click();
    await dialog.getByRole("checkbox", { name: type, exact: true }).check();
  }
  await assertNoAxeViolations(page, "the Add endpoint dialog");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await dialog.getByText("Endpoint added").waitFor();
  const secret = await dialog.getByRole("textbox", { name: "Signing secret" }).inputValue();
  assert.match(secret, /^whsec_/);
  await dialog.getByText("it won't be shown again").waitFor();
  await assertNoAxeViolations(page, "the secret, shown once");
  await dialog.getByRole("button", { name: "Done" }).click();
  await dialog.waitFor({ state: "detached" });
  // Once closed, the secret is nowhere on the page.
  assert.equal(await page.getByText(secret).count(), 0);
  return secret;
}

// The deliveries table's row of the first delivery of `type` (newest first).
function deliveryRow(page, type) {
  return page.getByRole("table", { name: "Deliveries" }).getByRole("row").filter({ hasText: type }).first();
}

test("Partner Center: an endpoint added with its secret shown once, a test event delivered and signed, then redelivered", async () => {
  const sessions = [];
  await withArtifacts("webhooks-partner", () => sessions, demo.server, async () => {
    const p = await newSession(demo.browser, demo.server.base, "publisher");
    sessions.push(p);
    const { page } = p;
    await signIn(page, "admin@contoso.example", { next: "/partner" });
    await page.getByRole("navigation", { name: "Partner Center" }).getByRole("link", { name: "Webhooks" }).click();
    await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();
    await assertNoAxeViolations(page, "Partner Center Webhooks without endpoints");

    const url = receiver.url("/contoso");
    const secret = await addEndpoint(page, { url, description: "CRM sync", families: ["license"], types: ["seat.assigned"] });
    const listed = (await demo.call("GET", "/api/v1/webhooks")).items.find((e) => e.url === url);
    assert.ok(listed, "the endpoint is not in the API's list");
    assert.deepEqual(listed.events, ["license.*", "seat.assigned"]);
    assert.equal(listed.secret, undefined);
    const row = page.getByTestId(`endpoint-${url}`);
    await row.getByText("All license events").waitFor();
    await row.getByText("seat.assigned").waitFor();
    await row.getByTestId("endpoint-state").getByText("Enabled").waitFor();
    await assertNoAxeViolations(page, "Partner Center Webhooks with an endpoint");

    // The test event: its delivery shows up, succeeds (the page follows a pending one by itself), and the receiver
    // got it signed with the secret shown.
    await row.getByRole("link", { name: url }).click();
    await page.getByRole("heading", { name: url, level: 1 }).waitFor();
    await page.getByRole("button", { name: "Send test event" }).click();
    await toast(page, "Test event sent").waitFor();
    const ping = deliveryRow(page, "webhook.ping");
    await ping.getByTestId("delivery-status").getByText("Succeeded").waitFor();
    await ping.getByText("HTTP 200").waitFor();
    const [first] = await receiver.waitFor("/contoso", "webhook.ping");
    assertSigned(first, secret);
    const eventId = first.headers["seatkeeper-event-id"];
    assert.ok(eventId);
    await ping.getByText(`Event ${eventId}`).waitFor();
    await assertNoAxeViolations(page, "an endpoint with a delivery");

    // Redeliver: the same event arrives again.
    await ping.getByRole("button", { name: `Redeliver webhook.ping (event ${eventId})` }).click();
    await toast(page, "Redelivery queued").waitFor();
    const both = await receiver.waitFor("/contoso", "webhook.ping", 2);
    assert.equal(both[1].headers["seatkeeper-event-id"], eventId);
    assertSigned(both[1], secret);
    await ping.getByTestId("delivery-status").getByText("Succeeded").waitFor();

    // The status filter: no dead deliveries here.
    await page.getByRole("combobox", { name: "Status" }).click();
    await page.getByRole("option", { name: "Dead" }).click();
    await page.getByText("No dead deliveries").waitFor();
  });
});

test("Partner Center: a failing endpoint's delivery says what it answered; Disable and Enable; Delete", async () => {
  const sessions = [];
  await withArtifacts("webhooks-failing", () => sessions, demo.server, async () => {
    const url = receiver.url("/fail");
    const created = await demo.call("POST", "/api/v1/webhooks", { url, events: ["seat.*"], description: "Broken" });
    const p = await newSession(demo.browser, demo.server.base, "publisher");
    sessions.push(p);
    const { page } = p;
    await signIn(page, "admin@contoso.example", { next: `/partner/settings/webhooks/${created.id}` });
    await page.getByRole("heading", { name: url, level: 1 }).waitFor();
    await page.getByRole("button", { name: "Send test event" }).click();
    const ping = deliveryRow(page, "webhook.ping");
    await ping.getByText("HTTP 500").waitFor();
    const status = (await ping.getByTestId("delivery-status").textContent()) ?? "";
    assert.match(status, /^(Failed|Pending)$/);
    await receiver.waitFor("/fail", "webhook.ping");

    await page.getByRole("button", { name: "Disable" }).click();
    await assertNoAxeViolations(page, "the Disable dialog");
    await page.getByRole("dialog").getByRole("button", { name: "Disable" }).click();
    await toast(page, "Endpoint disabled").waitFor();
    await page.getByTestId("endpoint-state").getByText("Disabled").waitFor();
    assert.equal((await demo.call("GET", `/api/v1/webhooks/${created.id}`)).enabled, false);
    await page.getByRole("button", { name: "Enable" }).click();
    await toast(page, "Endpoint enabled").waitFor();
    assert.equal((await demo.call("GET", `/api/v1/webhooks/${created.id}`)).enabled, true);

    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await page.waitForURL((u) => u.pathname === "/partner/settings/webhooks");
    const left = (await demo.call("GET", "/api/v1/webhooks")).items.map((e) => e.id);
    assert.ok(!left.includes(created.id), "the endpoint is still listed");
  });
});

test("Partner Center: an endpoint edited, its secret rotated (deliveries signed with the new one), events replayed", async () => {
  const sessions = [];
  await withArtifacts("webhooks-rotate-replay", () => sessions, demo.server, async () => {
    const url = receiver.url("/rotated");
    const created = await demo.call("POST", "/api/v1/webhooks", { url, events: ["license.*"] });
    const p = await newSession(demo.browser, demo.server.base, "publisher");
    sessions.push(p);
    const { page } = p;
    await signIn(page, "admin@contoso.example", { next: `/partner/settings/webhooks/${created.id}` });
    await page.getByRole("heading", { name: url, level: 1 }).waitFor();

    // Edit: a description, and every seat event too.
    await page.getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog");
    assert.equal(await dialog.getByRole("checkbox", { name: "All license events (license.*)" }).isChecked(), true);
    await dialog.getByLabel("Description").fill("Billing system");
    await dialog.getByRole("checkbox", { name: "All seat events (seat.*)" }).check();
    await dialog.getByRole("button", { name: "Save" }).click();
    await toast(page, "Endpoint saved").waitFor();
    await dialog.waitFor({ state: "detached" });
    const edited = await demo.call("GET", `/api/v1/webhooks/${created.id}`);
    assert.equal(edited.description, "Billing system");
    assert.deepEqual(edited.events, ["license.*", "seat.*"]);
    await page.getByText("All seat events").waitFor();

    // Rotate: the new secret shown once with the old one's end; the next delivery is signed with the new one.
    await page.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Rotate secret" }).click();
    await toast(page, "Secret rotated").waitFor();
    const shown = page.getByTestId("webhook-secret");
    const secret = await shown.getByRole("textbox", { name: "Signing secret" }).inputValue();
    assert.match(secret, /^whsec_/);
    assert.notEqual(secret, created.secret);
    await shown.getByText("The old secret keeps working until").waitFor();
    await assertNoAxeViolations(page, "a rotated secret");
    await page.getByRole("button", { name: "Send test event" }).click();
    const [ping] = await receiver.waitFor("/rotated", "webhook.ping");
    assertSigned(ping, secret);

    // Replay from the start of the feed: the demo's license events arrive, as the endpoint's patterns choose.
    await page.getByRole("button", { name: "Replay from event…" }).click();
    await page.getByRole("dialog").getByLabel(/^After event ID/).fill("0");
    await assertNoAxeViolations(page, "the Replay dialog");
    await page.getByRole("dialog").getByRole("button", { name: "Replay" }).click();
    await toast(page, "Replay queued").waitFor();
    const granted = await receiver.waitFor("/rotated", "license.granted");
    assertSigned(granted[0], secret);
    await deliveryRow(page, "license.granted").waitFor();
  });
});

test("Admin Center: Fabrikam's global admin adds an endpoint for the tenant's events and gets a test event", async () => {
  const sessions = [];
  await withArtifacts("webhooks-tenant", () => sessions, demo.server, async () => {
    const t = await newSession(demo.browser, demo.server.base, "fabrikam");
    sessions.push(t);
    const { page } = t;
    await signIn(page, "admin@fabrikam.example", { next: "/admin" });
    await page.getByRole("navigation", { name: "Admin Center" }).getByRole("link", { name: "Webhooks" }).click();
    await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();
    const url = receiver.url("/fabrikam");
    const secret = await addEndpoint(page, { url, description: "Fabrikam IT", families: ["seat"] });
    await page.getByTestId(`endpoint-${url}`).getByRole("link", { name: url }).click();
    await page.getByRole("button", { name: "Send test event" }).click();
    await deliveryRow(page, "webhook.ping").getByTestId("delivery-status").getByText("Succeeded").waitFor();
    const [ping] = await receiver.waitFor("/fabrikam", "webhook.ping");
    assertSigned(ping, secret);
    await assertNoAxeViolations(page, "the Admin Center's endpoint");
    // The publisher's list doesn't have the tenant's endpoint.
    const publisher = (await demo.call("GET", "/api/v1/webhooks")).items.map((e) => e.url);
    assert.ok(!publisher.includes(url), "the tenant's endpoint is in the publisher's list");
  });
});
