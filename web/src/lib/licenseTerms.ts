// License terms as both surfaces show them (Partner Center's Manage licenses, the Admin Center's Licenses):
// each status's words and colour, and the calendar arithmetic behind "days left". Days are whole UTC days, as
// the server counts them (docs/openapi.yaml LicenseStatus): a term runs from `start_date` to `end_date`
// inclusive, then `grace_days` more days. The status itself is the server's; these functions only say how
// much of it is left.
import type { LicenseStatus, LicenseTerm } from "../api/types";
import { dayText, parseDay } from "./days";
import { formatDate, type BadgeColor } from "./format";

export const licenseStatusLabel: Record<LicenseStatus, string> = {
  pending: "Pending",
  active: "Active",
  grace: "In grace",
  expired: "Expired",
  suspended: "Suspended",
};

export const licenseStatusColor: Record<LicenseStatus, BadgeColor> = {
  pending: "informative",
  active: "success",
  grace: "warning",
  expired: "danger",
  suspended: "severe",
};

// The last day the licenses are in force: the end date plus the grace days.
export function lastDayOfGrace(term: LicenseTerm): string {
  const end = parseDay(term.end_date);
  return end === null ? term.end_date : dayText(end + (term.grace_days ?? 0));
}

export interface DaysLeft {
  days: number; // today included: 1 on the last day
  of: "term" | "grace";
}

// How many days the licenses stay in force, today included: to the end date while active, to the last day of
// grace while in grace; null for the other statuses, a term without dates, or a day past it (the server's day
// turned before the browser's).
export function daysLeft(status: LicenseStatus, term: LicenseTerm | null, today: number): DaysLeft | null {
  if (!term || (status !== "active" && status !== "grace")) return null;
  const last = parseDay(status === "active" ? term.end_date : lastDayOfGrace(term));
  if (last === null || last < today) return null;
  return { days: last - today + 1, of: status === "active" ? "term" : "grace" };
}

// daysLeft in words: "12 days left", "Last day today", "3 days of grace left", "Last day of grace today".
export function daysLeftText(status: LicenseStatus, term: LicenseTerm | null, today: number): string | null {
  const left = daysLeft(status, term, today);
  if (!left) return null;
  if (left.of === "term") return left.days === 1 ? "Last day today" : `${left.days} days left`;
  return left.days === 1 ? "Last day of grace today" : `${left.days} days of grace left`;
}

// "1 Jan 2027 – 31 Dec 2027", or "No end date" without a term.
export function termRange(term: LicenseTerm | null): string {
  return term ? `${formatDate(term.start_date)} – ${formatDate(term.end_date)}` : "No end date";
}

// "30 days of grace", "1 day of grace", "No grace days".
export function graceText(term: LicenseTerm): string {
  const n = term.grace_days ?? 0;
  if (n === 0) return "No grace days";
  return n === 1 ? "1 day of grace" : `${n} days of grace`;
}
