// Manage licenses' terms without React: the term fields as typed and what PUT …/licenses/{plan_id} gets from
// them (`term` absent keeps the license's term, null removes it), the checks the server makes, and which of
// Renew, Suspend and Reinstate a row offers. The server's answer still wins.
import type { DealLicenseRow, LicenseTerm } from "../../api/types";
import { addYears, dayText, parseDay } from "../../lib/days";
import { formatDate } from "../../lib/format";
import { ApiError } from "../../lib/problem";

// The term fields as typed; `ends` false is the "No end date" choice.
export interface TermDraft {
  ends: boolean;
  start_date: string;
  end_date: string;
  grace_days: string;
}

export type TermField = "start_date" | "end_date" | "grace_days";
export type TermErrors = Partial<Record<TermField, string>>;

export const MAX_GRACE_DAYS = 365;
export const MAX_REASON_LENGTH = 500;

// The fields for a license's term as it is. Without one: "No end date", with a year from today ready in case
// the user chooses dates.
export function termDraft(term: LicenseTerm | null, today: number): TermDraft {
  if (term) {
    return { ends: true, start_date: term.start_date, end_date: term.end_date, grace_days: String(term.grace_days ?? 0) };
  }
  const start = dayText(today);
  const nextYear = parseDay(addYears(start, 1)) ?? today + 365;
  return { ends: false, start_date: start, end_date: dayText(nextYear - 1), grace_days: "0" };
}

function dateError(text: string, what: string): string | null {
  if (text.trim() === "") return `Enter the ${what}.`;
  return parseDay(text.trim()) === null ? "Enter a real date (YYYY-MM-DD) from the year 2000 on." : null;
}

// The server's term rules (docs/openapi.yaml DealLicenseSet), by field; none with "No end date".
export function termErrors(draft: TermDraft): TermErrors {
  if (!draft.ends) return {};
  const errors: TermErrors = {};
  const start = dateError(draft.start_date, "first day");
  const end = dateError(draft.end_date, "last day");
  if (start) errors.start_date = start;
  if (end) errors.end_date = end;
  else if (!start && (parseDay(draft.end_date.trim()) ?? 0) < (parseDay(draft.start_date.trim()) ?? 0)) {
    errors.end_date = "The end date can't be before the start date.";
  }
  const grace = draft.grace_days.trim();
  if (grace !== "" && (!/^\d+$/.test(grace) || Number(grace) > MAX_GRACE_DAYS)) {
    errors.grace_days = `Enter a whole number of days from 0 to ${MAX_GRACE_DAYS}.`;
  }
  return errors;
}

export function hasTermErrors(draft: TermDraft): boolean {
  return Object.keys(termErrors(draft)).length > 0;
}

// The term the fields say (checked first with termErrors): null for "No end date"; empty grace days are 0.
export function termOf(draft: TermDraft): LicenseTerm | null {
  if (!draft.ends) return null;
  const grace = draft.grace_days.trim();
  return { start_date: draft.start_date.trim(), end_date: draft.end_date.trim(), grace_days: grace === "" ? 0 : Number(grace) };
}

export function sameTerm(a: LicenseTerm | null, b: LicenseTerm | null): boolean {
  if (a === null || b === null) return a === b;
  return a.start_date === b.start_date && a.end_date === b.end_date && (a.grace_days ?? 0) === (b.grace_days ?? 0);
}

// What a PUT sends as `term` for a row whose term fields are `draft`: undefined (absent: the license keeps its
// term) when the fields are not open, not valid, or say the term it has.
export function termChange(current: LicenseTerm | null, draft: TermDraft | undefined): LicenseTerm | null | undefined {
  if (!draft || hasTermErrors(draft)) return undefined;
  const term = termOf(draft);
  return sameTerm(current, term) ? undefined : term;
}

// The term field an API error names ("term.end_date" → end_date), or null.
export function termFieldOf(error: unknown): TermField | null {
  if (!(error instanceof ApiError) || !error.field?.startsWith("term.")) return null;
  const f = error.field.slice("term.".length);
  return f === "start_date" || f === "end_date" || f === "grace_days" ? f : null;
}

// Renew's proposal: the current end a year later.
export function renewalProposal(term: LicenseTerm): string {
  return addYears(term.end_date, 1);
}

// The new end date as typed, or why the server would refuse it (it must come after the current end).
export function renewalError(text: string, term: LicenseTerm): string | null {
  const error = dateError(text, "new end date");
  if (error) return error;
  const end = parseDay(term.end_date);
  if (end !== null && (parseDay(text.trim()) ?? 0) <= end) {
    return `Choose a day after the current end, ${formatDate(term.end_date)}.`;
  }
  return null;
}

// A suspension's reason as typed, or why not (the server's rule: 1–500 characters, not blank).
export function reasonError(text: string): string | null {
  if (text.trim() === "") return "Enter the reason, such as an unpaid invoice.";
  if ([...text.trim()].length > MAX_REASON_LENGTH) return `The reason can have at most ${MAX_REASON_LENGTH} characters.`;
  return null;
}

export type LicenseAction = "change_term" | "renew" | "suspend" | "reinstate";

// The actions a row's menu offers: none on a removed row; Renew only with a term (the server has no end to
// move otherwise); Reinstate while suspended, else Suspend. A trial's term is the plan's trial length: it
// changes only by converting the trial to paid licenses (its row's Convert to paid), so its menu has neither
// Change term nor Renew.
export function licenseActions(row: Pick<DealLicenseRow, "active" | "status" | "term" | "trial">): LicenseAction[] {
  if (!row.active) return [];
  return [
    ...(row.trial ? [] : (["change_term"] as const)),
    ...(row.term && !row.trial ? (["renew"] as const) : []),
    row.status === "suspended" ? "reinstate" : "suspend",
  ];
}
