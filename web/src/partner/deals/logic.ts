// The rules of the deal screens that don't need React: which state moves a deal offers, why licenses or
// invitations are not possible yet, and the deal form's checks (the server's own rules, so most mistakes show
// before submit; the server's answer still wins).
import { ApiError } from "../../lib/problem";
import type { Deal, DealCreate, DealLicenseRow, DealLicenses, DealPatch, DealState, LicenseTerm } from "../../api/types";
import { dealStateLabel } from "../../lib/format";
import { parseDay } from "../../lib/days";
import { hasTermErrors, termChange, termOf, type TermDraft } from "./terms";

// Deal Registration's tabs, in the seed's words; `null` is every deal.
export const DEAL_TABS: readonly { state: DealState | null; label: string }[] = [
  { state: null, label: "All deals" },
  { state: "submitted", label: "Submitted" },
  { state: "in_progress", label: "In Progress" },
  { state: "won", label: "Won" },
  { state: "lost", label: "Lost" },
  { state: "withdrawn", label: "Withdrawn" },
];

export function parseDealState(value: string | null): DealState | null {
  return value && value in dealStateLabel ? (value as DealState) : null;
}

export interface Transition {
  to: DealState;
  label: string;
  // Final states ask first: they can't be undone.
  confirm: string | null;
  appearance: "primary" | "secondary";
}

// The moves the server allows from `state` (submitted → in_progress | withdrawn; in_progress → won | lost |
// withdrawn; won, lost and withdrawn are final), as the buttons of the deal overview.
export function transitions(state: DealState): Transition[] {
  const withdraw: Transition = {
    to: "withdrawn",
    label: "Withdraw",
    confirm: "Withdrawing the deal is final: it can't be reopened, and no customer can be invited for it.",
    appearance: "secondary",
  };
  switch (state) {
    case "submitted":
      return [{ to: "in_progress", label: "Move to In Progress", confirm: null, appearance: "primary" }, withdraw];
    case "in_progress":
      return [
        {
          to: "won",
          label: "Mark as won",
          confirm: "Marking the deal as won is final. Its licenses stay manageable.",
          appearance: "primary",
        },
        {
          to: "lost",
          label: "Mark as lost",
          confirm: "Marking the deal as lost is final. A deal that still grants licenses can't be lost: remove them first.",
          appearance: "secondary",
        },
        withdraw,
      ];
    default:
      return [];
  }
}

// Publisher roles that may see and change deals, invitations and licenses (the server says the same with 403).
export function mayManageLicensing(role: string): boolean {
  return role === "global_admin" || role === "account_admin";
}

export function isFinal(state: DealState): boolean {
  return transitions(state).length === 0;
}

// A deal's details (plans, seats, value, dates, contact) change only while it is open.
export function canEdit(state: DealState): boolean {
  return state === "submitted" || state === "in_progress";
}

// Why licenses can't be added, changed or removed now, or null when they can.
export function licenseBlock(licenses: Pick<DealLicenses, "deal_state" | "customer" | "relationship">): string | null {
  const { deal_state: state, customer, relationship } = licenses;
  if (state === "lost" || state === "withdrawn") {
    return `This deal is ${dealStateLabel[state]}: its licenses can't change any more.`;
  }
  if (!customer) {
    return relationship === "invited"
      ? "The customer hasn't accepted the invitation yet. Licenses can be added once a billing or global admin of the customer consents."
      : "Licenses can be added once the customer consents: choose a customer who already consented, or invite a new customer to consent.";
  }
  if (state === "submitted") return "Licenses are managed while the deal is In Progress or Won: move it to In Progress first.";
  return null;
}

// Why no invitation can be made now, or null when it can.
export function inviteBlock(state: DealState, hasCustomer: boolean): string | null {
  if (state === "lost" || state === "withdrawn") return `This deal is ${dealStateLabel[state]}: there is nothing to consent to.`;
  if (hasCustomer) return "The customer has already consented.";
  return null;
}

// The deal registration and edit form, as typed.
export interface DealFormValues {
  name: string;
  domain: string;
  contact_email: string;
  offer_id: string;
  plan_ids: string[];
  seats: string;
  value: string;
  currency: string;
  close_date: string;
}

export type DealField = keyof DealFormValues;

export const EMPTY_DEAL_FORM: DealFormValues = {
  name: "",
  domain: "",
  contact_email: "",
  offer_id: "",
  plan_ids: [],
  seats: "",
  value: "",
  currency: "USD",
  close_date: "",
};

export function dealToForm(deal: Deal): DealFormValues {
  return {
    name: deal.customer.name,
    domain: deal.customer.domain,
    contact_email: deal.customer.contact_email,
    offer_id: deal.offer_id,
    plan_ids: [...deal.plan_ids],
    seats: String(deal.seats),
    value: String(deal.value),
    currency: deal.currency,
    close_date: deal.close_date,
  };
}

// The server's domain rule: labels of letters, digits and '-' (not at either end), at least two of them.
export function domainError(domain: string): string | null {
  const d = domain.trim().toLowerCase();
  if (d === "") return "Enter the customer's domain, such as fabrikam.example.";
  const labels = d.split(".");
  const ok =
    d.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => l.length > 0 && l.length <= 63 && /^[a-z0-9-]+$/.test(l) && !l.startsWith("-") && !l.endsWith("-"));
  return ok ? null : "Enter a domain name such as fabrikam.example (letters, digits, '-' and at least one '.').";
}

// The server's e-mail rule: one '@', something before it, a '.' after it, no spaces.
export function emailError(email: string, what = "an e-mail address"): string | null {
  const e = email.trim();
  if (e === "") return `Enter ${what}.`;
  const at = e.indexOf("@");
  const ok =
    at > 0 &&
    at + 1 < e.length &&
    e.indexOf("@", at + 1) === -1 &&
    e.indexOf(".", at + 1) !== -1 &&
    !e.endsWith(".") &&
    ![...e].some((c) => c === " " || c.charCodeAt(0) < 0x20) &&
    e.length <= 254;
  return ok ? null : "Enter an e-mail address such as billing@fabrikam.example.";
}

// The form's mistakes, by field. `mode` "edit" checks only what an edit can change.
export function validateDealForm(v: DealFormValues, mode: "new" | "edit"): Partial<Record<DealField, string>> {
  const errors: Partial<Record<DealField, string>> = {};
  if (mode === "new") {
    if (v.name.trim() === "") errors.name = "Enter the customer's company name.";
    else if (v.name.length > 200) errors.name = "The company name can have at most 200 characters.";
    const domain = domainError(v.domain);
    if (domain) errors.domain = domain;
    if (v.offer_id === "") errors.offer_id = "Choose the offer sold.";
  }
  const email = emailError(v.contact_email, "the customer contact's e-mail address");
  if (email) errors.contact_email = email;
  if (v.plan_ids.length === 0) errors.plan_ids = "Choose at least one plan.";
  const seats = v.seats.trim();
  if (seats === "") errors.seats = "Enter the expected number of seats.";
  else if (!/^\d+$/.test(seats) || Number(seats) < 1 || Number(seats) > 10_000_000) {
    errors.seats = "Seats must be a whole number from 1 to 10,000,000.";
  }
  const value = v.value.trim();
  if (value === "") errors.value = "Enter the deal value.";
  else if (!/^\d+(\.\d{1,2})?$/.test(value)) errors.value = "Enter an amount such as 12500.50 (at most two decimals).";
  else if (Number(value) > 1_000_000_000_000) errors.value = "The deal value can be at most 1,000,000,000,000.";
  if (!/^[A-Z]{3}$/.test(v.currency)) errors.currency = "Use a three-letter currency code such as USD.";
  if (v.close_date === "") errors.close_date = "Enter the expected close date.";
  else if (parseDay(v.close_date) === null) errors.close_date = "Enter a real date from the year 2000 on.";
  return errors;
}

export function toDealCreate(v: DealFormValues): DealCreate {
  return {
    customer: { name: v.name.trim(), domain: v.domain.trim().toLowerCase(), contact_email: v.contact_email.trim() },
    offer_id: v.offer_id,
    plan_ids: v.plan_ids,
    seats: Number(v.seats.trim()),
    value: Number(v.value.trim()),
    currency: v.currency,
    close_date: v.close_date,
  };
}

// Only what the edit changed (a PATCH that changes nothing writes no event, but sending less is clearer).
export function toDealPatch(deal: Deal, v: DealFormValues): DealPatch {
  const patch: DealPatch = {};
  const email = v.contact_email.trim();
  if (email !== deal.customer.contact_email) patch.customer = { contact_email: email };
  const samePlans = v.plan_ids.length === deal.plan_ids.length && v.plan_ids.every((p) => deal.plan_ids.includes(p));
  if (!samePlans) patch.plan_ids = v.plan_ids;
  if (Number(v.seats.trim()) !== deal.seats) patch.seats = Number(v.seats.trim());
  if (Number(v.value.trim()) !== deal.value) patch.value = Number(v.value.trim());
  if (v.currency !== deal.currency) patch.currency = v.currency;
  if (v.close_date !== deal.close_date) patch.close_date = v.close_date;
  return patch;
}

// The form field an API error names: "customer.domain" → domain, "plan_ids[1]" → plan_ids.
export function dealFieldOf(error: unknown): DealField | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  const f = error.field.replace(/^customer\./, "").replace(/\[\d+\]$/, "");
  const known: DealField[] = ["name", "domain", "contact_email", "offer_id", "plan_ids", "seats", "value", "currency", "close_date"];
  return (known as string[]).includes(f) ? (f as DealField) : null;
}

// "Number of licenses" as typed: a whole number from 1 to 1,000,000, or why not.
export function quantityError(text: string): string | null {
  const t = text.trim();
  if (t === "") return "Enter the number of licenses.";
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 1_000_000) return "Enter a whole number from 1 to 1,000,000.";
  return null;
}

// "Number of licenses", or a site license (every user of the customer's verified domains, no number), as chosen
// for a plan being added or a trial being converted.
export interface CountDraft {
  site: boolean;
  quantity: string;
}

export function countError(draft: CountDraft): string | null {
  return draft.site ? null : quantityError(draft.quantity);
}

// One row's change for PUT …/licenses/{plan_id}: its number (none for a site license), `site` when it changes
// (absent: the license keeps what it had), and its term when the term fields changed it (absent: the license
// keeps its term; null: no end date). `convert` marks a trial converted to paid licenses (not sent: any PUT on a
// trial row converts it).
export interface LicenseChange {
  plan_id: string;
  quantity?: number;
  site?: boolean;
  term?: LicenseTerm | null;
  convert?: true;
}

// The PUT's count for a draft: a site license, or the number (naming `site: false` when the row was one).
export function countChange(draft: CountDraft, wasSite: boolean): Pick<LicenseChange, "quantity" | "site"> {
  if (draft.site) return { site: true };
  return { quantity: Number(draft.quantity.trim()), ...(wasSite && { site: false }) };
}

// A row's "Site license" box as it stands: as changed, else as the row is.
export function isSite(row: Pick<DealLicenseRow, "plan_id" | "site">, sites: Record<string, boolean>): boolean {
  return sites[row.plan_id] ?? row.site;
}

// The mistake in a row's number as typed, or null: none for a site license; a row leaving its site license
// needs a number.
export function rowQuantityError(
  row: Pick<DealLicenseRow, "plan_id" | "site">,
  typed: Record<string, string>,
  sites: Record<string, boolean>,
): string | null {
  if (isSite(row, sites)) return null;
  const text = typed[row.plan_id];
  if (text !== undefined) return quantityError(text);
  return row.site ? quantityError("") : null;
}

// The active rows (trials aside: they change through Convert to paid) whose typed number, Site license box or
// term fields differ from the server's, when valid (a trashed row comes back through "+ Add a plan"). A term
// changed alone sends the row's number as it is (a site license's, none).
export function changedLicenses(
  rows: readonly DealLicenseRow[],
  typed: Record<string, string>,
  terms: Record<string, TermDraft>,
  sites: Record<string, boolean> = {},
): LicenseChange[] {
  const changes: LicenseChange[] = [];
  for (const r of rows) {
    if (!r.active || r.trial || rowQuantityError(r, typed, sites) !== null) continue;
    const term = termChange(r.term, terms[r.plan_id]);
    const withTerm = term === undefined ? {} : { term };
    if (isSite(r, sites)) {
      if (!r.site) changes.push({ plan_id: r.plan_id, site: true, ...withTerm });
      else if (term !== undefined) changes.push({ plan_id: r.plan_id, ...withTerm });
      continue;
    }
    const text = typed[r.plan_id]?.trim();
    const quantity = text === undefined ? r.quantity : Number(text);
    if (quantity === r.quantity && !r.site && term === undefined) continue;
    changes.push({ plan_id: r.plan_id, quantity, ...(r.site && { site: false }), ...withTerm });
  }
  return changes;
}

// Convert to paid, opened on a trial row: the paid licenses' number or site license, and their term ("No end
// date" unless dates are chosen: without a term the paid licenses have no end).
export interface ConversionDraft extends CountDraft {
  term: TermDraft;
}

export function conversionError(draft: ConversionDraft): string | null {
  return countError(draft) ?? (hasTermErrors(draft.term) ? "Check the term." : null);
}

// The PUTs of the conversions opened on active trial rows, when valid; the term is always sent.
export function conversionChanges(
  rows: readonly DealLicenseRow[],
  conversions: Record<string, ConversionDraft>,
): LicenseChange[] {
  const changes: LicenseChange[] = [];
  for (const r of rows) {
    const draft = conversions[r.plan_id];
    if (!r.active || !r.trial || !draft || conversionError(draft) !== null) continue;
    changes.push({ plan_id: r.plan_id, ...countChange(draft, r.site), term: termOf(draft.term), convert: true });
  }
  return changes;
}

// The plans "+ Add a plan" offers: the offer's plans without active licenses on this deal.
export function addablePlans<P extends { id: string }>(
  plans: readonly P[],
  rows: readonly DealLicenseRow[],
  dealPlanIds: readonly string[],
): P[] {
  // Licenses go only to the plans the deal names (the server refuses others with plan_not_in_deal).
  const named = new Set(dealPlanIds);
  const active = new Set(rows.filter((r) => r.active).map((r) => r.plan_id));
  return plans.filter((p) => named.has(p.id) && !active.has(p.id));
}
