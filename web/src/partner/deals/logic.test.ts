import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/problem";
import {
  EMPTY_DEAL_FORM,
  addablePlans,
  canEdit,
  changedLicenses,
  conversionChanges,
  conversionError,
  countChange,
  countError,
  dealFieldOf,
  dealToForm,
  domainError,
  emailError,
  inviteBlock,
  licenseBlock,
  mayManageLicensing,
  parseDealState,
  quantityError,
  rowQuantityError,
  toDealCreate,
  toDealPatch,
  transitions,
  validateDealForm,
  type DealFormValues,
} from "./logic";
import type { Deal, DealLicenseRow } from "../../api/types";

const deal: Deal = {
  id: "deal_1",
  offer_id: "crm",
  customer: { name: "Fabrikam", domain: "fabrikam.example", contact_email: "billing@fabrikam.example" },
  plan_ids: ["basic", "premium"],
  seats: 60,
  value: 4200000,
  currency: "USD",
  close_date: "2026-12-15",
  state: "in_progress",
  tenant_id: null,
  source: "registered",
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
};

const filled: DealFormValues = {
  ...EMPTY_DEAL_FORM,
  name: " Fabrikam ",
  domain: "Fabrikam.Example",
  contact_email: "billing@fabrikam.example",
  offer_id: "crm",
  plan_ids: ["basic"],
  seats: "25",
  value: "12500.50",
  close_date: "2026-12-31",
};

const row = (plan_id: string, quantity: number, active = true): DealLicenseRow => ({
  plan_id,
  plan_name: plan_id,
  service_id: `contoso.crm.${plan_id}`,
  quantity,
  assigned: 0,
  active,
  status: "active",
  term: null,
  suspension: null,
  site: false,
  trial: false,
  updated_at: "2026-01-01T00:00:00.000Z",
});

describe("deal state moves", () => {
  it("offers the server's moves as buttons", () => {
    expect(transitions("submitted").map((t) => t.to)).toEqual(["in_progress", "withdrawn"]);
    expect(transitions("in_progress").map((t) => t.to)).toEqual(["won", "lost", "withdrawn"]);
    for (const final of ["won", "lost", "withdrawn"] as const) expect(transitions(final)).toEqual([]);
  });
  it("asks before final moves only", () => {
    expect(transitions("submitted").find((t) => t.to === "in_progress")?.confirm).toBeNull();
    for (const t of transitions("in_progress")) expect(t.confirm).toMatch(/final/);
  });
  it("lets only global and account admins manage licensing", () => {
    expect(mayManageLicensing("global_admin")).toBe(true);
    expect(mayManageLicensing("account_admin")).toBe(true);
    expect(mayManageLicensing("developer")).toBe(false);
    expect(mayManageLicensing("viewer")).toBe(false);
  });
  it("edits only open deals", () => {
    expect(canEdit("submitted")).toBe(true);
    expect(canEdit("in_progress")).toBe(true);
    expect(canEdit("won")).toBe(false);
  });
  it("reads the tab from the URL", () => {
    expect(parseDealState("in_progress")).toBe("in_progress");
    expect(parseDealState("bogus")).toBeNull();
    expect(parseDealState(null)).toBeNull();
  });
});

describe("why licenses and invitations wait", () => {
  const customer = {
    id: "t1",
    tenant_id: "t1",
    name: "Fabrikam",
    domains: ["fabrikam.example"],
    created_at: "2025-01-31T12:00:00.000Z",
  };
  it("needs consent first", () => {
    expect(licenseBlock({ deal_state: "in_progress", customer: null, relationship: "none" })).toMatch(/consents/);
    expect(licenseBlock({ deal_state: "in_progress", customer: null, relationship: "invited" })).toMatch(/accepted/);
  });
  it("needs an In Progress or Won deal", () => {
    expect(licenseBlock({ deal_state: "submitted", customer, relationship: "accepted" })).toMatch(/In Progress/);
    expect(licenseBlock({ deal_state: "lost", customer, relationship: "accepted" })).toMatch(/Lost/);
    expect(licenseBlock({ deal_state: "in_progress", customer, relationship: "accepted" })).toBeNull();
    expect(licenseBlock({ deal_state: "won", customer, relationship: "accepted" })).toBeNull();
  });
  it("invites for open or won deals without a customer", () => {
    expect(inviteBlock("submitted", false)).toBeNull();
    expect(inviteBlock("won", false)).toBeNull();
    expect(inviteBlock("withdrawn", false)).toMatch(/Withdrawn/);
    expect(inviteBlock("in_progress", true)).toMatch(/already consented/);
  });
});

describe("deal form", () => {
  it("accepts a complete form and sends the API's shape", () => {
    expect(validateDealForm(filled, "new")).toEqual({});
    expect(toDealCreate(filled)).toEqual({
      customer: { name: "Fabrikam", domain: "fabrikam.example", contact_email: "billing@fabrikam.example" },
      offer_id: "crm",
      plan_ids: ["basic"],
      seats: 25,
      value: 12500.5,
      currency: "USD",
      close_date: "2026-12-31",
    });
  });
  it.each([
    ["name", { name: "  " }],
    ["domain", { domain: "fabrikam" }],
    ["domain", { domain: "-fab.example" }],
    ["contact_email", { contact_email: "billing.fabrikam.example" }],
    ["offer_id", { offer_id: "" }],
    ["plan_ids", { plan_ids: [] }],
    ["seats", { seats: "0" }],
    ["seats", { seats: "2.5" }],
    ["value", { value: "10.123" }],
    ["value", { value: "-1" }],
    ["currency", { currency: "usd" }],
    ["close_date", { close_date: "2026-02-30" }],
    ["close_date", { close_date: "1999-12-31" }],
  ] as [string, Partial<DealFormValues>][])("refuses a bad %s", (field, change) => {
    expect(Object.keys(validateDealForm({ ...filled, ...change }, "new"))).toEqual([field]);
  });
  it("checks only what an edit can change", () => {
    expect(validateDealForm({ ...filled, name: "", domain: "", offer_id: "" }, "edit")).toEqual({});
  });
  it("sends only the changes of an edit", () => {
    const v = dealToForm(deal);
    expect(toDealPatch(deal, v)).toEqual({});
    expect(toDealPatch(deal, { ...v, seats: "70", plan_ids: ["premium", "basic"] })).toEqual({ seats: 70 });
    expect(toDealPatch(deal, { ...v, plan_ids: ["basic"], contact_email: "it@fabrikam.example" })).toEqual({
      plan_ids: ["basic"],
      customer: { contact_email: "it@fabrikam.example" },
    });
  });
  it("finds the input a server error names", () => {
    const err = (field: string) => new ApiError({ status: 422, detail: "x", field });
    expect(dealFieldOf(err("customer.domain"))).toBe("domain");
    expect(dealFieldOf(err("plan_ids[1]"))).toBe("plan_ids");
    expect(dealFieldOf(err("close_date"))).toBe("close_date");
    expect(dealFieldOf(err("state"))).toBeNull();
    expect(dealFieldOf(new Error("x"))).toBeNull();
  });
  it("mirrors the server's domain and e-mail rules", () => {
    expect(domainError("fabrikam.example")).toBeNull();
    expect(domainError("a.b-c.example")).toBeNull();
    expect(domainError("fab rikam.example")).not.toBeNull();
    expect(emailError("a@b.cd")).toBeNull();
    expect(emailError("a@b")).not.toBeNull();
    expect(emailError("a b@c.de")).not.toBeNull();
    expect(emailError("a@b@c.de")).not.toBeNull();
  });
});

describe("license numbers", () => {
  it("checks the number of licenses", () => {
    expect(quantityError("10")).toBeNull();
    expect(quantityError("0")).not.toBeNull();
    expect(quantityError("1000001")).not.toBeNull();
    expect(quantityError("")).not.toBeNull();
  });
  it("sends only changed, valid numbers of active rows", () => {
    const rows = [row("basic", 50), row("premium", 10), row("old", 5, false)];
    expect(changedLicenses(rows, { basic: "50", premium: "12", old: "7" }, {})).toEqual([{ plan_id: "premium", quantity: 12 }]);
    expect(changedLicenses(rows, { basic: "abc" }, {})).toEqual([]);
  });
  it("sends a term only when its fields changed it, with the row's number as it is", () => {
    const term = { start_date: "2027-01-01", end_date: "2027-12-31", grace_days: 30 };
    const rows = [{ ...row("basic", 50), term }, row("premium", 10), { ...row("old", 5, false), term }];
    const same = { ends: true, start_date: "2027-01-01", end_date: "2027-12-31", grace_days: "30" };
    const none = { ends: false, start_date: "2027-01-01", end_date: "2027-12-31", grace_days: "30" };
    // Open but untouched: nothing to send (the PUT would keep it anyway).
    expect(changedLicenses(rows, {}, { basic: same })).toEqual([]);
    // "No end date" on a row with a term sends null; dates on a row without one send them, with grace 0.
    expect(changedLicenses(rows, {}, { basic: none, premium: { ...same, grace_days: "" } })).toEqual([
      { plan_id: "basic", quantity: 50, term: null },
      { plan_id: "premium", quantity: 10, term: { ...term, grace_days: 0 } },
    ]);
    // A number and a term together; a trashed row's fields are ignored; fields with a mistake send nothing.
    expect(changedLicenses(rows, { basic: "60" }, { basic: { ...same, end_date: "2028-12-31" }, old: none })).toEqual([
      { plan_id: "basic", quantity: 60, term: { ...term, end_date: "2028-12-31" } },
    ]);
    expect(changedLicenses(rows, {}, { basic: { ...same, end_date: "2026-12-31" } })).toEqual([]);
  });
  it("checks a number only when it is not a site license", () => {
    expect(countError({ site: true, quantity: "" })).toBeNull();
    expect(countError({ site: false, quantity: "" })).toBe("Enter the number of licenses.");
    expect(countError({ site: false, quantity: "12" })).toBeNull();
  });
  it("sends a site license without a number, and a number with site: false only when leaving a site license", () => {
    expect(countChange({ site: true, quantity: "12" }, false)).toEqual({ site: true });
    expect(countChange({ site: false, quantity: " 12 " }, false)).toEqual({ quantity: 12 });
    expect(countChange({ site: false, quantity: "12" }, true)).toEqual({ quantity: 12, site: false });
  });
  it("asks a row leaving its site license for a number", () => {
    const site = { ...row("basic", 0), site: true };
    expect(rowQuantityError(site, {}, {})).toBeNull();
    expect(rowQuantityError(site, {}, { basic: false })).toBe("Enter the number of licenses.");
    expect(rowQuantityError(site, { basic: "20" }, { basic: false })).toBeNull();
    expect(rowQuantityError(row("premium", 10), { premium: "x" }, { premium: true })).toBeNull();
    expect(rowQuantityError(row("premium", 10), { premium: "x" }, {})).not.toBeNull();
  });
  it("sends the Site license box's changes", () => {
    const term = { start_date: "2027-01-01", end_date: "2027-12-31", grace_days: 30 };
    const site = { ...row("site", 0), site: true };
    const rows = [row("basic", 50), site, { ...row("termed", 0), site: true, term }];
    // Checked on a numbered row: only site (no number); unchecked on a site row: the number typed, site: false.
    expect(changedLicenses(rows, {}, {}, { basic: true })).toEqual([{ plan_id: "basic", site: true }]);
    expect(changedLicenses(rows, { site: "25" }, {}, { site: false })).toEqual([
      { plan_id: "site", quantity: 25, site: false },
    ]);
    // Unchecked without a number yet: nothing to send. A site license as it is sends nothing, its new term alone.
    expect(changedLicenses(rows, {}, {}, { site: false })).toEqual([]);
    const none = { ends: false, start_date: "2027-01-01", end_date: "2027-12-31", grace_days: "0" };
    expect(changedLicenses(rows, {}, { termed: none }, {})).toEqual([{ plan_id: "termed", term: null }]);
  });
  it("leaves trial rows to Convert to paid", () => {
    const trial = { ...row("basic", 5), trial: true };
    expect(changedLicenses([trial], { basic: "20" }, {}, { basic: true })).toEqual([]);
  });
  it("converts a trial to paid licenses with the term chosen, no end by default", () => {
    const term = { start_date: "2027-01-01", end_date: "2027-01-30", grace_days: 0 };
    const rows = [{ ...row("basic", 5), trial: true, term }, { ...row("premium", 5), trial: true, term }, row("gold", 3)];
    const noEnd = { ends: false, start_date: "2027-01-01", end_date: "2027-12-31", grace_days: "0" };
    const year = { ...noEnd, ends: true };
    expect(
      conversionChanges(rows, {
        basic: { site: false, quantity: "40", term: noEnd },
        premium: { site: true, quantity: "", term: year },
        gold: { site: false, quantity: "9", term: noEnd }, // not a trial
      }),
    ).toEqual([
      { plan_id: "basic", quantity: 40, term: null, convert: true },
      { plan_id: "premium", site: true, term: { start_date: "2027-01-01", end_date: "2027-12-31", grace_days: 0 }, convert: true },
    ]);
    // A mistake in the number or the term: nothing sent, and why.
    const wrong = { site: false, quantity: "0", term: noEnd };
    expect(conversionChanges(rows, { basic: wrong })).toEqual([]);
    expect(conversionError(wrong)).toBe("Enter a whole number from 1 to 1,000,000.");
    expect(conversionError({ site: false, quantity: "4", term: { ...year, end_date: "2026-01-01" } })).toBe("Check the term.");
  });
  it("adds plans without active licenses, trashed ones included", () => {
    const plans = [{ id: "basic" }, { id: "premium" }, { id: "old" }];
    const named = ["basic", "premium", "old"];
    expect(addablePlans(plans, [row("basic", 50), row("old", 5, false)], named).map((p) => p.id)).toEqual([
      "premium",
      "old",
    ]);
  });
  it("adds only plans the deal names", () => {
    const plans = [{ id: "basic" }, { id: "premium" }, { id: "gold" }];
    expect(addablePlans(plans, [], ["basic", "premium"]).map((p) => p.id)).toEqual(["basic", "premium"]);
  });
});
