import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../api/types";
import { changedFields, describeActor, describeEvent } from "./audit";

const event = (type: string, payload: AuditEvent["payload"], subject = "offers/crm"): AuditEvent => ({
  id: "1",
  created_at: "2026-01-01T00:00:00.000Z",
  actor: "user:u1",
  publisher_id: "contoso",
  type,
  subject,
  payload,
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
    expect(describeEvent(event("offer.reviewed", { after: { notifications: [{}, {}] } }))).toBe("Review found 2 issues");
    expect(describeEvent(event("offer.reviewed", { after: { notifications: [] } }))).toBe("Review passed");
    expect(describeEvent(event("plan.created", null, "offers/crm/plans/basic"))).toBe("Plan basic created");
    expect(describeEvent(event("lead.created", { after: { company: "Fabrikam", email: "a@f.example" } }))).toBe(
      "Lead from Fabrikam",
    );
    expect(describeEvent(event("lead.created", { after: { company: "", email: "a@f.example" } }))).toBe(
      "Lead from a@f.example",
    );
    expect(describeEvent(event("lead.created", null))).toBe("Lead received");
    expect(describeEvent(event("future.thing", null))).toBe("future.thing");
  });
  it("lists what changed, leaving out bookkeeping", () => {
    const payload = {
      before: { listing: { name: "A", summary: "s" }, updated_at: "1", state: "draft" },
      after: { listing: { name: "B", summary: "s" }, updated_at: "2", state: "draft", call_to_action: "contact_me" },
    };
    expect(changedFields(payload)).toEqual(["call_to_action", "listing.name"]);
    expect(changedFields({ before: null, after: { a: 1 } })).toEqual([]);
    expect(changedFields(null)).toEqual([]);
  });
});
