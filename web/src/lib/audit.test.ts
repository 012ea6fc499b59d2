import { describe, expect, it } from "vitest";
import type { Event } from "../api/types";
import { changedFields, describeActor, describeEvent } from "./audit";
import { formatDate } from "./format";

// Snapshots cut down to the fields a description reads, and a type no server writes yet (clients must show
// unknown types as they are): looser than the generated Event, so cast once here.
type LoosePayload = { before: Record<string, unknown> | null; after: Record<string, unknown> | null };
const event = (type: string, payload: LoosePayload, subject = "offers/crm"): Event => ({
  id: "1",
  created_at: "2026-01-01T00:00:00.000Z",
  actor: "user:u1",
  publisher_id: "contoso",
  tenant_id: null,
  type: type as Event["type"],
  subject,
  payload: payload as Event["payload"],
});

describe("audit log words", () => {
  it("names actors", () => {
    expect(describeActor("system")).toBe("Seatkeeper");
    expect(describeActor("public")).toBe("Marketplace visitor");
    expect(describeActor("user:abcdef1234", "abcdef1234")).toBe("You");
    expect(describeActor("user:abcdef1234")).toBe("User abcdef12");
    expect(describeActor("key:k1")).toBe("API key k1");
  });
  it("describes state changes and reviews", () => {
    expect(describeEvent(event("offer.state_changed", { before: { state: "preview" }, after: { state: "publishing" } }))).toBe(
      "Status: Preview → Publishing",
    );
    expect(describeEvent(event("offer.reviewed", { before: null, after: { notifications: [{}, {}] } }))).toBe("Review found 2 issues");
    expect(describeEvent(event("offer.reviewed", { before: null, after: { notifications: [] } }))).toBe("Review passed");
    expect(describeEvent(event("plan.created", { before: null, after: null }, "offers/crm/plans/basic"))).toBe("Plan basic created");
    expect(describeEvent(event("lead.created", { before: null, after: { company: "Fabrikam", email: "a@f.example" } }))).toBe(
      "Lead from Fabrikam",
    );
    expect(describeEvent(event("lead.created", { before: null, after: { company: "", email: "a@f.example" } }))).toBe(
      "Lead from a@f.example",
    );
    expect(describeEvent(event("lead.created", { before: null, after: null }))).toBe("Lead received");
    expect(describeEvent(event("future.thing", { before: null, after: null }))).toBe("future.thing");
  });
  it("describes deals, invitations and licenses", () => {
    const d = "deals/deal_1";
    expect(describeEvent(event("deal.state_changed", { before: { state: "submitted" }, after: { state: "in_progress" } }, d))).toBe(
      "Status: Submitted → In Progress",
    );
    expect(describeEvent(event("invitation.created", { before: null, after: { email: "a@f.example" } }, `${d}/invitations/inv_1`))).toBe(
      "Customer invited to consent (a@f.example)",
    );
    expect(describeEvent(event("license.granted", { before: null, after: { quantity: 5 } }, `${d}/licenses/basic`))).toBe(
      "Licenses added: basic, 5",
    );
    expect(
      describeEvent(event("license.changed", { before: { quantity: 50 }, after: { quantity: 1200 } }, `${d}/licenses/basic`)),
    ).toBe(`Licenses changed: basic, 50 → ${(1200).toLocaleString()}`);
    expect(describeEvent(event("license.removed", { before: null, after: null }, `${d}/licenses/premium`))).toBe("Licenses removed: premium");
  });
  it("describes license terms, suspensions and renewals", () => {
    const l = "deals/deal_1/licenses/basic";
    const term = { start_date: "2027-01-01", end_date: "2027-12-31", grace_days: 30 };
    const range = `${formatDate("2027-01-01")} – ${formatDate("2027-12-31")}`;
    expect(describeEvent(event("license.granted", { before: null, after: { quantity: 5, term } }, l))).toBe(
      `Licenses added: basic, 5 (${range})`,
    );
    // A term changed alone (events before terms existed have no `term`: no end date).
    expect(describeEvent(event("license.changed", { before: { quantity: 5 }, after: { quantity: 5, term } }, l))).toBe(
      `Licenses changed: basic, term no end date → ${range}`,
    );
    expect(describeEvent(event("license.changed", { before: { quantity: 5, term }, after: { quantity: 6, term } }, l))).toBe(
      "Licenses changed: basic, 5 → 6",
    );
    const suspended = { quantity: 5, term, suspension_reason: "unpaid invoice" };
    expect(describeEvent(event("license.suspended", { before: { quantity: 5, term }, after: suspended }, l))).toBe(
      "Licenses suspended: basic (unpaid invoice)",
    );
    expect(describeEvent(event("license.reinstated", { before: suspended, after: { quantity: 5, term } }, l))).toBe(
      "Licenses reinstated: basic",
    );
    const renewed = { quantity: 5, term: { ...term, end_date: "2028-12-31" } };
    expect(describeEvent(event("license.renewed", { before: { quantity: 5, term }, after: renewed }, l))).toBe(
      `Licenses renewed: basic, to ${formatDate("2028-12-31")}`,
    );
    expect(describeActor("invitation:inv_1")).toMatch(/invitation/);
  });
  it("lists what changed, leaving out bookkeeping", () => {
    const payload = {
      before: { listing: { name: "A", summary: "s" }, updated_at: "1", state: "draft" },
      after: { listing: { name: "B", summary: "s" }, updated_at: "2", state: "draft", call_to_action: "contact_me" },
    };
    const changed = (p: LoosePayload) => changedFields(p as Event["payload"]);
    expect(changed(payload)).toEqual(["call_to_action", "listing.name"]);
    expect(changed({ before: null, after: { a: 1 } })).toEqual([]);
    expect(changed({ before: { a: 1 }, after: null })).toEqual([]);
  });
});
