// What a license's status means for a customer's admin (the Admin Center's Licenses and a license's page): its
// end and the days left in a line, and, when the app denies the users assigned to it, why and until when.
// Users keep their seats through every status; only the publisher renews or reinstates.
import type { TenantLicense } from "../api/types";
import { formatDate } from "../lib/format";
import { daysLeftText, lastDayOfGrace } from "../lib/licenseTerms";

type Standing = Pick<TenantLicense, "status" | "term" | "publisher_name" | "suspension">;

// The term in a line: "Ends 31 Dec 2027 · 25 days left", "Ended 31 Dec 2027 · 3 days of grace left",
// "Starts 1 Jan 2027", "No end date".
export function termSummary({ status, term }: Pick<TenantLicense, "status" | "term">, today: number): string {
  if (!term) return "No end date";
  if (status === "pending") return `Starts ${formatDate(term.start_date)}`;
  const left = daysLeftText(status, term, today);
  const ended = status === "grace" || status === "expired";
  return `${ended ? "Ended" : "Ends"} ${formatDate(term.end_date)}${left ? ` · ${left}` : ""}`;
}

export interface LicenseNotice {
  intent: "info" | "warning" | "error";
  title: string;
  text: string;
}

// Why the app may deny the users assigned to the license, and what ends it; null while it is active.
export function licenseNotice(
  { status, term, publisher_name: publisher, suspension }: Standing,
  today: number,
): LicenseNotice | null {
  const keep = "Assigned users keep their seats";
  const ended = term ? `The term ended on ${formatDate(term.end_date)}` : "The term ended";
  switch (status) {
    case "active":
      return null;
    case "pending": {
      const starts = term ? `These licenses start on ${formatDate(term.start_date)}.` : "These licenses have not started.";
      return {
        intent: "info",
        title: "Not started yet",
        text: `${starts} ${keep}, but the app denies them until then, and no one new can be assigned.`,
      };
    }
    case "grace": {
      const through = term ? ` through ${formatDate(lastDayOfGrace(term))}` : "";
      const left = daysLeftText(status, term, today);
      return {
        intent: "warning",
        title: "In grace",
        text:
          `${ended}; the app still lets assigned users in${through}${left ? ` (${left.toLowerCase()})` : ""}. ` +
          `After that it denies them until ${publisher} renews these licenses.`,
      };
    }
    case "expired":
      return {
        intent: "error",
        title: "Expired",
        text: `${ended}. ${keep}, but the app denies them until ${publisher} renews these licenses.`,
      };
    case "suspended":
      return {
        intent: "error",
        title: `Suspended by ${publisher}`,
        text:
          `${suspension ? `The reason given: ${suspension.reason}. ` : ""}` +
          `${keep}, but the app denies them until ${publisher} reinstates these licenses.`,
      };
  }
}
